/** Form validation messages; `field` is the field's label. */
export const validation = {
  required: "{{field}}を入力してください",
  minLength: "{{field}}は{{min}}文字以上で入力してください",
  min: "{{field}}は{{min}}以上にしてください",
  maxLength: "{{field}}は{{max}}文字以内で入力してください",
  maxItems: "{{field}}は{{max}}件までです",
  max: "{{field}}は{{max}}以下にしてください",
  invalidType: "{{field}}の形式が正しくありません",
  invalidValue: "{{field}}は一覧から選択してください",
  other: "{{field}}の値を確認してください",
  duplicateWord: "「{{word}}」は{{template}}件目のテンプレートと重複しています",
  unmatchableWord: "{{field}}には文字か数字を含めてください(記号や空白だけでは反応しません)",
  emptyPromptWhileEnabled:
    "Realtime APIを有効にしている間は、システムプロンプトを空にできません。通話の指示がなくなります",
  unknownVariables:
    "使えない変数があります: {{names}}(使えるのは右の一覧の変数だけです。保存すると、その部分は通話で空になります)",
  thisField: "この項目",
} as const;
