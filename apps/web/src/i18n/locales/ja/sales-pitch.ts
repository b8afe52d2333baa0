import type { TemplateVariable } from "@koe/shared";

/** /settings/sales-pitch: the agent picker, both settings cards, the prompt tools, saving. */
export const salesPitch = {
  title: "セールスピッチ設定",
  description: "エージェントの話し方と応答エンジンを設定します。",
  noAgents: "この会社にはまだエージェントがありません。",
  agent: "エージェント",
  phoneNumbers: "電話番号: {{numbers}}",
  phoneNumberSeparator: "、",
  unassigned: "未割り当て",
  agentNotFound: "指定されたエージェントが見つかりません。",
  engine: {
    current: "現在のエンジン",
    split: "Realtime API {{realtime}}% / 従来 {{legacy}}%",
    killSwitchOff:
      "キルスイッチで新しい AI(Realtime API)が緊急停止中のため、すべての通話が従来エンジンで応答します。",
    agentDisabled: "このエージェントの「Realtime APIを有効化」が OFF です。",
    rolloutZero: "ロールアウト率が 0% です。",
    splitReason: "ロールアウト率 {{percent}}% に従い、新しい通話ごとに振り分けられます。",
    allRealtime: "新しい通話はすべて Realtime API で応答します。",
  },
  editor: {
    invalidTitle: "保存できません",
    invalidMessage: "入力内容に誤りがあります。赤く表示された項目を確認してください。",
    savedTitle: "保存しました",
    savedMessage: "{{agent}} の設定を v{{version}} として保存しました。",
    saveFailedTitle: "保存できませんでした",
    storedInvalidTitle: "保存済みの設定の一部を読み取れませんでした",
    storedInvalidBody: "既定値を表示しています。内容を確認して保存し直してください。",
    dirty: "保存されていない変更があります",
    clean: "すべての変更は保存済みです",
    revert: "変更を元に戻す",
    save: "保存",
  },
  legacy: {
    title: "従来の会話設定",
    description:
      "キーワード型エンジン(ConversationEngine)の設定です。Realtime API に切り替えた後もロールバック用に使われます。",
    fields: {
      companyName: "会社名",
      greeting: "挨拶",
      tone: "話し方",
      fallbackMessage: "聞き取れなかったときの応答",
      transferMessage: "転送時の案内",
      closingMessage: "終話の挨拶",
      maxMisunderstandings: "転送までの聞き返し回数",
    },
    tone: { polite: "丁寧", friendly: "親しみやすい", formal: "格式高い" },
  },
  templates: {
    title: "キーワードテンプレート({{templates}} 件)",
    hint: "お客様の言葉にキーワードか同義語が含まれると応答します。複数に当てはまるときは長い言葉が優先です。",
    storedUnreadable:
      "保存済みのキーワードテンプレートを読み取れなかったため、空の一覧から始めています。保存すると置き換わります。",
    template: "テンプレート {{number}}",
    noKeyword: "(キーワード未入力)",
    needsFix: "要修正",
    synonymsDescription: "Enter か「、」で区切って追加",
    remove: "このテンプレートを削除",
    add: "テンプレートを追加",
    fields: {
      list: "キーワードテンプレート",
      keyword: "キーワード",
      synonyms: "同義語",
      response: "応答",
      action: "動作",
    },
    action: { none: "応答のみ", transfer: "転送", end_call: "終話" },
  },
  realtime: {
    title: "Realtime API設定",
    description: "新しい AI(OpenAI の Realtime API)が電話に応答するときの設定です。",
    open: "Realtime API設定を開く",
    close: "Realtime API設定を閉じる",
    enabledDescription: "OFF のあいだ、このエージェントの通話はすべて従来エンジンで応答します",
    promptDescription: "エージェントの役割・話し方・対応範囲を書きます。",
    generate: "既存設定から生成",
    fields: {
      enabled: "Realtime APIを有効化",
      model: "モデル",
      voice: "音声",
      speed: "話速",
      reasoningEffort: "推論の深さ",
      instructions: "システムプロンプト",
    },
  },
  voice: {
    description:
      "電話の AI が話せる声です(fable・onyx・nova は読み上げ専用の声で、電話の会話には使えないため選べません)",
    recommended: "{{voice}}(おすすめ)",
    preview: "この音声のサンプルを再生",
    previewLabel: "音声プレビューを再生",
    previewFailed: "音声プレビューを再生できませんでした。",
    unavailable: {
      no_api_key:
        "音声プレビューを作るには OpenAI の API キーが必要ですが、このサーバーには設定されていません。システム管理者に設定を依頼してください。",
      api_key_rejected:
        "OpenAI が API キーを受け付けなかったため、音声プレビューを作れません(キーが正しくないか、ローカルのデモ環境ではシミュレーター用の仮のキーです)。システム管理者に OpenAI の API キーの設定を依頼してください。",
      generation_failed: "音声プレビューを生成できませんでした。しばらくしてからお試しください。",
    },
  },
  model: {
    description:
      "会話に使う AI のモデルです(以前の gpt-4o-realtime 系は OpenAI の提供が終わったため選べません)",
    option: "{{model}}({{tier}})",
    tier: { "gpt-realtime-2.1": "標準", "gpt-realtime-2.1-mini": "低コスト" },
    shutdownTitle: "提供終了予定のモデルです",
    shutdownBody:
      "このモデルは {{date}} に提供が終了します。終了後の通話は失敗するため、別のモデルに切り替えてください。",
  },
  speed: {
    description:
      "話す速さです。OpenAI が対応している速さの上限が 1.5 倍のため、0.5〜1.5 倍から選べます(2.0 倍にはできません)",
    pace: { slow: "ゆっくり", normal: "標準", fast: "速め" },
  },
  temperature: {
    label: "Temperature(0.0〜1.0)",
    unavailable:
      "現在の Realtime API には temperature(応答のばらつき)の設定がありません。設定しても効果がないため、Koe では保存しません。",
    effortLabel: "推論の深さ(reasoning effort)",
    effortDescription:
      "深いほど複雑な質問に強くなりますが、応答までの時間が延びます。電話では「最小」か「低」がおすすめです",
    modelDefault: "モデル既定",
    effort: { minimal: "最小", low: "低", medium: "中", high: "高" },
    notReasoning: "このモデルは推論モデルではないため、推論の深さは設定できません。",
  },
  advanced: {
    title: "詳細設定(話の区切りと雑音)",
    description:
      "AI がお客様の話し終わりをどう判断するかと、雑音の抑え方です。ふだんは既定値のままで構いません。",
    mode: {
      label: "話し終わりの判断",
      server_vad: "無音の長さで判断",
      semantic_vad: "話の内容で判断",
      server_vadDescription:
        "お客様の声が一定時間止まったら、話し終わったとみなして AI が答え始めます。応答が速く、電話の既定です。",
      semantic_vadDescription:
        "言い終わったかどうかを話の内容から判断します。「えーと」と考えている途中で AI が話し始めることが減りますが、応答は少し遅くなることがあります。",
    },
    threshold: {
      label: "声の聞き取りの敏感さ",
      description:
        "高くすると、周りの雑音や小さな相づちで AI が話を止めにくくなります。低くすると、小さな声のお客様の話も拾います。電話の既定は 0.5 です。",
    },
    silence: {
      label: "話し終わりを待つ時間",
      description:
        "お客様の声が止まってから AI が答え始めるまでの時間です。短いほど応答は速くなりますが、言葉を探している途中で割り込みやすくなります。電話の既定は 500 ms です。",
    },
    prefix: {
      label: "話し始めの取りこぼし防止",
      description:
        "お客様が話し始めたと判断した時点より少し前の音声も含めます。短すぎると最初の一音が欠けることがあります。電話の既定は 300 ms です。",
    },
    eagerness: {
      label: "答え始めの早さ",
      description: "高いほど、お客様が言い終わる前でも早めに答えます。低いほど、最後まで待ちます。",
      low: "ゆっくり待つ",
      medium: "標準",
      high: "早めに答える",
      auto: "自動(おすすめ)",
    },
    noise: {
      label: "雑音の抑え方",
      far_field: "離れたマイク向け",
      near_field: "口元のマイク向け",
      off: "抑えない",
      description:
        "お客様の周りの雑音を抑えて、AI が聞き違えたり話を止めたりしにくくします。スピーカーフォンや車内など、電話では「離れたマイク向け」が既定です。ヘッドセットが多いなら「口元のマイク向け」。",
    },
    reset: "電話向けの既定値に戻す",
  },
  prompt: {
    edit: "編集",
    preview: "プレビュー",
    // `example` is the literal {{company_name}}, passed in so that i18next leaves it alone.
    placeholder: "例: あなたは{{example}}の電話受付担当です。丁寧な敬語で…",
    length: "{{length}} / {{max}} 文字",
    empty: "(プロンプトが空です)",
    knownCaller: "お客様がわかる場合",
    unknownCaller: "お客様がわからない場合",
    // `variable` is the literal {{customer_name}}, passed in so that i18next leaves it alone.
    unknownCallerHint:
      "お客様のお名前がわからない通話では、{{variable}} は「お客」になります(「{{variable}}様」は「お客様」と読まれます)。",
    variables: "テンプレート変数",
    variablesHint: "クリックでカーソル位置に挿入します。通話のたびに実際の値に置き換わります。",
    sample: "例: {{value}}",
    variable: {
      company_name: "会社名",
      customer_name: "お客様のお名前(わかる場合)",
      agent_name: "エージェント名",
      today: "今日の日付",
    } satisfies Record<TemplateVariable, string>,
  },
  conversion: {
    title: "既存設定からシステムプロンプトを生成",
    body: "保存済みの従来の会話設定(挨拶・キーワード・転送条件・話し方)から、Realtime API 用のシステムプロンプトを作りました。採用すると編集中のプロンプトを置き換えます(保存するまで反映されません)。",
    legacyDirty:
      "従来の会話設定またはキーワードテンプレートに未保存の変更があります。生成には保存済みの内容が使われます。",
    failedTitle: "生成できませんでした",
    unreadable: "保存されている従来の会話設定を読み取れないため、プロンプトを生成できません。",
    diff: "差分",
    sideBySide: "変更前 / 変更後",
    before: "変更前(編集中のプロンプト)",
    after: "変更後(生成されたプロンプト)",
    empty: "(空)",
    discard: "破棄",
    accept: "この内容を採用",
  },
  testCall: {
    button: "ブラウザでテスト通話",
    unsaved: "未保存の変更はテスト通話に反映されません(保存済みの設定で通話します)。",
    status: { connecting: "接続中", live: "通話中", ended: "終了", failed: "エラー" },
    connecting: "OpenAI に接続しています…",
    live: "接続しました({{model}})。マイクに向かって話しかけてください。エージェントの声はこのブラウザから流れます。",
    ended: "通話が終了しました。",
    failed: "通話を開始できなかったか、途中で切れました。",
    failedTitle: "テスト通話でエラーが発生しました",
    hangUp: "通話を終了",
    close: "閉じる",
    you: "あなた",
    untranscribed: "(音声を文字にできませんでした)",
    agentError: "エージェント側でエラーが発生しました: {{message}}",
    noKey:
      "OpenAI の API キー(OPENAI_API_KEY)がサーバーに設定されていないため、ブラウザでのテスト通話は利用できません。管理者にキーの設定を依頼してください。",
    channelError:
      "会話イベントの受信でエラーが発生しました。これ以降の発話は表示されない可能性があります。通話を終了してかけ直してください。",
    connectionLost:
      "OpenAI との接続が切れました(ネットワークまたはファイアウォールで WebRTC が遮られている可能性があります)。",
    notStarted: "テスト通話を開始できませんでした(マイクの許可とネットワークを確認してください): {{detail}}",
    refused: "OpenAI が接続を拒否しました({{detail}})",
    secretRefused: "OpenAI がテスト通話用のキーの発行を拒否しました。",
  },
  versions: {
    open: "バージョン履歴",
    title: "バージョン履歴",
    body: "保存するたびに設定全体がバージョンとして残ります。以前のバージョンを現在の設定と比べ、戻すことができます。",
    noteLabel: "変更メモ(任意)",
    notePlaceholder: "例: 予約の案内を丁寧にした",
    loadFailed: "バージョン履歴を読み込めませんでした。",
    version: "バージョン",
    savedAt: "保存日時",
    savedBy: "保存した人",
    note: "メモ",
    current: "現在",
    system: "システム",
    restoredFrom: "v{{version}} から復元",
    compare: "現在と比較",
    comparing: "v{{version}} と現在(v{{current}})の差分",
    legend: "- v{{version}} の内容 / + 現在(v{{current}})の内容",
    unchanged: "変更なし",
    changed: "変更あり",
    noDifference: "このバージョンは現在の設定と同じ内容です。",
    sections: {
      prompt: "システムプロンプト",
      realtime: "Realtime API設定",
      legacy: "従来の会話設定",
      templates: "キーワードテンプレート",
    },
    unreadable: "(このバージョンのこの設定は読み取れません)",
    on: "ON",
    off: "OFF",
    restore: "このバージョンに戻す",
    restoreTitle: "v{{version}} に戻しますか?",
    restoreBody:
      "v{{version}} の設定が新しいバージョン(v{{next}})として保存され、次の通話から使われます。これまでの履歴は残ります。",
    restoreDirty: "保存されていない変更は破棄されます。",
    restoreConfirm: "戻す",
    cancel: "キャンセル",
    restoredTitle: "バージョンを戻しました",
    restoredMessage: "v{{version}} の設定を v{{next}} として保存しました。",
    restoreFailedTitle: "戻せませんでした",
  },
  unsaved: {
    title: "保存されていない変更があります",
    body: "このまま移動すると、保存していない変更は失われます。",
    stay: "このページに留まる",
    leave: "変更を破棄して移動",
  },
} as const;
