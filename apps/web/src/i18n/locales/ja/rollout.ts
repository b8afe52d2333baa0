/** /rollout: the kill switch, the realtime share with its audit log, and both engines' metrics. */
export const rollout = {
  title: "ロールアウト",
  description: "Realtime API に切り替える通話の割合を段階的に増やし、両エンジンの指標を比較します。",
  percentage: {
    title: "Realtime API のロールアウト率",
    description:
      "新しい通話のうち Realtime API で応答する割合です。通話ごとに固定の振り分けを使うため、率を上げても既に対象の通話は対象のままです。",
    lastChanged: "最終変更: {{at}}({{by}})",
    automatic: "自動",
    custom: "任意の値",
    invalid: "0〜100 の整数で指定してください",
    reason: "変更理由(監査ログに残ります)",
    reasonPlaceholder: "例: 1% で 1 週間問題なし",
    submit: "ロールアウト率を変更",
    confirmTitle: "ロールアウト率を変更しますか?",
    confirmBody: "Realtime API の割合を <b>{{from}}%</b> から <b>{{to}}%</b> に変更します。",
    confirmNote: "新しい通話から反映され、進行中の通話は変わりません。変更は監査ログに記録されます。",
    confirm: "変更する",
    doneTitle: "ロールアウト率を変更しました",
    doneMessage: "{{from}}% → {{to}}%(新しい通話から反映されます)",
    failedTitle: "変更できませんでした",
  },
  killSwitch: {
    title: "キルスイッチ(緊急停止)",
    on: "Realtime API 有効",
    off: "Realtime API 停止中",
    onBody:
      "いまは新しい AI(Realtime API)が使える状態です。新しい通話は下のロールアウト率に従って、新しい AI か従来エンジンに振り分けられます。",
    offBody:
      "新しい AI(Realtime API)は緊急停止中です。ロールアウト率にかかわらず、すべての新しい通話を従来エンジンが受けています。",
    what: "問題が起きたとき、新しい AI を全社・全エージェントで一度に止めて、すべての通話を従来エンジンに戻すためのスイッチです。通話中の会話は切れず、次の通話から切り替わります。",
    who: "誤操作で止まらないよう、この画面からは切り替えられません。切り替えられるのは Koe のサーバーを管理するシステム管理者だけです(サーバーの設定を変えて再起動します)。必要なときはシステム管理者に連絡してください。",
  },
  guardrail: {
    title: "自動ロールバック(ガードレール)",
    description:
      "新しい AI(Realtime API)の通話で問題が続いたら、自動でロールアウト率を 0% に戻し、すべての新しい通話を従来エンジンに切り替えます。",
    enabled: "自動ロールバックを有効にする",
    window: "判定に使う期間",
    windowDescription: "直近この時間の通話で判定します",
    minutesSuffix: " 分",
    maxErrorRate: "エラー率の上限",
    maxErrorRateDescription: "通話のうちエラーで終わった割合がこれを超えたら戻します(空欄で判定しない)",
    maxP95: "応答時間の上限(P95)",
    maxP95Description: "遅い方から 5% の応答がこれより遅くなったら戻します(空欄で判定しない)",
    save: "ガードレールを保存",
    saved: "ガードレールを保存しました",
    failed: "ガードレールを保存できませんでした",
    lastRollback: "最後の自動ロールバック",
    noRollback: "まだ自動ロールバックは起きていません。",
    openAlerts: "未確認のお知らせ({{count}} 件)",
    acknowledge: "確認済みにする",
    rollback: {
      error_rate:
        "エラー率が {{value}} になり上限 {{threshold}} を超えたため({{samples}} 件の通話)、ロールアウト率を {{from}}% から 0% に戻しました。",
      p95_turn_latency_ms:
        "応答時間(P95)が {{value}} になり上限 {{threshold}} を超えたため({{samples}} ターン)、ロールアウト率を {{from}}% から 0% に戻しました。",
    },
    budgetExceeded: "今月の予算を使い切ったため、新しい通話は予算超過時の設定で応答しています。",
  },
  analysisModel: {
    title: "通話分析のモデル",
    description:
      "通話が終わると、このモデルが会話を読み、要約・結果・お客様の感情・フォローアップを記録します。費用は通話の費用に加算されます。",
    label: "モデル",
    done: "次の分析から {{model}} を使います。",
  },
  exchangeRate: {
    title: "為替レート",
    description:
      "通話の費用は米ドルで請求されます。この画面の費用は、このレートで円に換算して表示します(ドルの金額は括弧内に表示)。",
    label: "1 ドルあたりの円",
    invalid: "{{min}} 円から {{max}} 円の範囲で入力してください",
    save: "保存",
    doneTitle: "為替レートを保存しました",
    doneMessage: "1 ドル = {{rate}} 円で費用を表示します。",
    failedTitle: "為替レートを保存できませんでした",
  },
  metrics: {
    title: "エンジン別の指標",
    description: "期間内に始まった通話の実績と目標の比較",
    periods: { "1": "24 時間", "7": "7 日間", "30": "30 日間" },
    metric: "指標",
    target: "目標",
    rows: {
      calls: "通話数",
      avgLatency: "平均応答時間",
      p95Latency: "P95 応答時間",
      completionRate: "完了率",
      handoffRate: "転送率",
      avgCost: "平均費用 / 通話",
      accuracy: "文字起こし精度",
      rating: "平均評価",
    },
    ratingValue: "{{rating}} / 5",
    notMeasured: "未計測",
    notEnough: "件数不足",
    sampleSize: "n = {{count}}",
    scope: {
      bridge_processing_only:
        "※ {{engine}}の応答時間は Koe のサーバー内の処理時間だけです。電話会社側の音声認識と音声合成の時間が含まれないため、お客様が実際に待つ時間よりずっと短く、目標や Realtime API とは比べられません。",
      mixed:
        "※ {{engine}}には Realtime API と従来エンジンの通話が混ざっています。従来エンジンの分は Koe のサーバー内の処理時間だけのため、目標とは比べられません。",
    },
    costNote:
      "従来エンジンの費用は計測していません(電話会社の音声認識・音声合成の料金で、Koe には届きません)。0 円ではありません。",
    rateBasis: {
      outcome:
        "※ {{engine}}の完了率・転送率は通話分析の結果で判定しています(分析済み {{analysed}} 件 / 接続した通話 {{connected}} 件)。完了は予約・予約変更・予約取消・案内済み、転送は担当者へ転送です。",
      end_reason:
        "※ {{engine}}の完了率・転送率は通話の終わり方で判定しています({{connected}} 件。分析済みの通話がまだありません)。",
    },
    sampleNote:
      "通話(応答時間はターン)が {{min}} 件に満たない指標は、偶然の差が大きいため目標の判定をしません。",
    met: "達成",
    missed: "未達",
    latencyChart: "応答時間(ms)",
    latencyTarget: "P95 目標 {{ms}} ms",
    average: "平均",
    rateChart: "完了率と転送率(%)",
  },
  audit: {
    title: "変更履歴(監査ログ)",
    empty: "まだ変更はありません。",
    at: "日時",
    kind: "種類",
    change: "変更",
    actor: "変更者",
    reason: "理由",
    autoRollback: "自動ロールバック",
    manual: "手動変更",
    system: "システム",
  },
} as const;
