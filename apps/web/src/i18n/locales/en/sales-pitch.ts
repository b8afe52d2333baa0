import type { Translation } from "../../translation.ts";
import type { salesPitch as source } from "../ja/sales-pitch.ts";

export const salesPitch: Translation<typeof source> = {
  title: "Sales pitch",
  description: "How the agent speaks, and which engine answers its calls.",
  noAgents: "This company has no agents yet.",
  agent: "Agent",
  phoneNumbers: "Phone numbers: {{numbers}}",
  phoneNumberSeparator: ", ",
  unassigned: "none assigned",
  agentNotFound: "The requested agent was not found.",
  engine: {
    current: "Current engine",
    split: "Realtime API {{realtime}}% / legacy {{legacy}}%",
    killSwitchOff:
      "The kill switch has stopped the new AI (Realtime API), so every call is answered by the legacy engine.",
    agentDisabled: '"Enable Realtime API" is OFF for this agent.',
    rolloutZero: "The rollout is at 0%.",
    splitReason: "Each new call is assigned according to the {{percent}}% rollout.",
    allRealtime: "Every new call is answered by the Realtime API.",
  },
  editor: {
    invalidTitle: "Cannot save",
    invalidMessage: "Some of the input is invalid. Check the fields marked in red.",
    savedTitle: "Saved",
    savedMessage: "Saved the settings of {{agent}} as v{{version}}.",
    saveFailedTitle: "Could not save",
    storedInvalidTitle: "Some saved settings could not be read",
    storedInvalidBody: "Defaults are shown instead. Check them and save again.",
    dirty: "You have unsaved changes",
    clean: "All changes saved",
    revert: "Discard changes",
    save: "Save",
  },
  legacy: {
    title: "Legacy conversation settings",
    description:
      "Settings of the keyword engine (ConversationEngine). After the switch to the Realtime API they remain for rollback.",
    fields: {
      companyName: "Company name",
      greeting: "Greeting",
      tone: "Tone",
      fallbackMessage: "Reply when not understood",
      transferMessage: "Transfer announcement",
      closingMessage: "Closing words",
      maxMisunderstandings: "Retries before transfer",
    },
    tone: { polite: "Polite", friendly: "Friendly", formal: "Formal" },
  },
  templates: {
    title: "Keyword templates ({{templates}})",
    hint: "The agent answers when the caller's words contain a keyword or synonym. When several match, the longest word wins.",
    storedUnreadable:
      "The saved keyword templates could not be read, so the list starts empty. Saving replaces them.",
    template: "Template {{number}}",
    noKeyword: "(no keyword yet)",
    needsFix: "Needs fixing",
    synonymsDescription: "Press Enter or type a comma to add",
    remove: "Remove this template",
    add: "Add a template",
    fields: {
      list: "Keyword templates",
      keyword: "Keyword",
      synonyms: "Synonyms",
      response: "Response",
      action: "Action",
    },
    action: { none: "Answer only", transfer: "Transfer", end_call: "End call" },
  },
  realtime: {
    title: "Realtime API settings",
    description: "Settings used when the new AI (OpenAI's Realtime API) answers the phone.",
    open: "Open the Realtime API settings",
    close: "Close the Realtime API settings",
    enabledDescription: "While OFF, every call of this agent is answered by the legacy engine",
    promptDescription: "The agent's role, manner of speaking and what it may handle.",
    generate: "Generate from legacy settings",
    fields: {
      enabled: "Enable Realtime API",
      model: "Model",
      voice: "Voice",
      speed: "Speed",
      reasoningEffort: "Reasoning effort",
      instructions: "System prompt",
    },
  },
  voice: {
    description:
      "Voices the phone AI can speak with (fable, onyx and nova are read-aloud-only voices that cannot hold a phone conversation, so they are not offered)",
    recommended: "{{voice}} (recommended)",
    preview: "Play a sample of this voice",
    previewLabel: "Play voice preview",
    previewFailed: "Could not play the voice preview.",
    unavailable: {
      no_api_key:
        "Voice previews need an OpenAI API key, and this server has none. Ask your system administrator to set one.",
      api_key_rejected:
        "OpenAI did not accept the API key, so no voice preview can be made (the key is wrong, or in the local demo it is the simulator's stand-in). Ask your system administrator to set a valid OpenAI API key.",
      generation_failed: "Could not generate the voice preview. Please try again later.",
    },
  },
  model: {
    description:
      "The AI model used for conversations (the older gpt-4o-realtime models are no longer offered by OpenAI)",
    option: "{{model}} ({{tier}})",
    tier: { "gpt-realtime-2.1": "standard", "gpt-realtime-2.1-mini": "low cost" },
    shutdownTitle: "This model is being retired",
    shutdownBody:
      "This model shuts down on {{date}}. Calls will fail after that, so switch to another model.",
  },
  speed: {
    description:
      "How fast the agent speaks. OpenAI supports at most 1.5×, so the range is 0.5–1.5× (2.0× is not possible)",
    pace: { slow: "Slow", normal: "Normal", fast: "Fast" },
  },
  temperature: {
    label: "Temperature (0.0–1.0)",
    unavailable:
      "The current Realtime API has no temperature (answer variety) setting. Setting it would do nothing, so Koe does not store it.",
    effortLabel: "Reasoning effort",
    effortDescription:
      'Deeper reasoning handles harder questions but takes longer to answer. On the phone, "Minimal" or "Low" is recommended',
    modelDefault: "Default",
    effort: { minimal: "Minimal", low: "Low", medium: "Medium", high: "High" },
    notReasoning: "This is not a reasoning model, so reasoning effort cannot be set.",
  },
  advanced: {
    title: "Advanced (turn taking and noise)",
    description:
      "How the AI decides the caller has finished, and how it filters noise. The defaults suit most calls.",
    mode: {
      label: "Deciding the caller has finished",
      server_vad: "By a pause",
      semantic_vad: "By what was said",
      server_vadDescription:
        "When the caller's voice stops for a set time, the AI takes it as the end and answers. Fast; the phone default.",
      semantic_vadDescription:
        'Judges from the words whether the caller has finished. The AI cuts in less while the caller is thinking ("um…"), but may answer a little later.',
    },
    threshold: {
      label: "Voice sensitivity",
      description:
        "Higher: background noise and small acknowledgements interrupt the AI less. Lower: quiet callers are heard too. Phone default 0.5.",
    },
    silence: {
      label: "Pause before answering",
      description:
        "How long after the caller's voice stops the AI starts answering. Shorter answers faster but cuts in more while the caller looks for words. Phone default 500 ms.",
    },
    prefix: {
      label: "Keep the start of speech",
      description:
        "Audio just before the caller was heard to start is included. Too short and the first sound may be lost. Phone default 300 ms.",
    },
    eagerness: {
      label: "How soon to answer",
      description:
        "Higher answers sooner, even before the caller has quite finished; lower waits to the end.",
      low: "Wait patiently",
      medium: "Normal",
      high: "Answer early",
      auto: "Automatic (recommended)",
    },
    noise: {
      label: "Noise reduction",
      far_field: "Distant microphone",
      near_field: "Close microphone",
      off: "Off",
      description:
        "Filters the noise around the caller so the AI mishears and stops less. On the phone (speakerphones, cars) the default is the distant microphone; for mostly headsets, choose close.",
    },
    reset: "Reset to phone defaults",
  },
  prompt: {
    edit: "Edit",
    preview: "Preview",
    placeholder: "e.g. You are the phone receptionist of {{example}}. Speak polite Japanese (keigo)…",
    length: "{{length}} / {{max}} characters",
    empty: "(the prompt is empty)",
    knownCaller: "Known caller",
    unknownCaller: "Unknown caller",
    // `variable` is the literal {{customer_name}}, passed in so that i18next leaves it alone.
    unknownCallerHint:
      "On a call from an unknown caller, {{variable}} becomes 「お客」 (so 「{{variable}}様」 reads 「お客様」).",
    variables: "Template variables",
    variablesHint: "Click to insert at the cursor. Each call fills in the real value.",
    sample: "e.g. {{value}}",
    variable: {
      company_name: "Company name",
      customer_name: "Customer's name (when known)",
      agent_name: "Agent name",
      today: "Today's date",
    },
  },
  conversion: {
    title: "Generate a system prompt from the legacy settings",
    body: "This system prompt for the Realtime API was built from the saved legacy conversation settings (greeting, keywords, transfer rules, tone). Accepting it replaces the prompt in the editor (nothing changes until you save).",
    legacyDirty:
      "The legacy settings or keyword templates have unsaved changes. The saved version is used for generating.",
    failedTitle: "Could not generate",
    unreadable: "The saved legacy conversation settings cannot be read, so no prompt can be generated.",
    diff: "Diff",
    sideBySide: "Before / after",
    before: "Before (the prompt being edited)",
    after: "After (the generated prompt)",
    empty: "(empty)",
    discard: "Discard",
    accept: "Use this prompt",
  },
  testCall: {
    button: "Test call in the browser",
    unsaved: "Unsaved changes are not used by the test call (it uses the saved settings).",
    status: { connecting: "Connecting", live: "In call", ended: "Ended", failed: "Error" },
    connecting: "Connecting to OpenAI…",
    live: "Connected ({{model}}). Speak into your microphone; the agent's voice plays in this browser.",
    ended: "The call has ended.",
    failed: "The call could not start, or it was cut off.",
    failedTitle: "The test call failed",
    hangUp: "Hang up",
    close: "Close",
    you: "You",
    untranscribed: "(the audio could not be transcribed)",
    agentError: "The agent side reported an error: {{message}}",
    noKey:
      "Browser test calls are unavailable: the server has no OpenAI API key (OPENAI_API_KEY). Ask an administrator to set one.",
    channelError:
      "Receiving the conversation's events failed; later speech may not be shown. Hang up and call again.",
    connectionLost: "The connection to OpenAI was lost (a network or firewall may be blocking WebRTC).",
    notStarted: "Could not start the test call (check the microphone permission and the network): {{detail}}",
    refused: "OpenAI refused the connection ({{detail}})",
    secretRefused: "OpenAI refused to issue a key for the test call.",
  },
  versions: {
    open: "Version history",
    title: "Version history",
    body: "Every save keeps the whole settings as a version. Compare an earlier version with the current settings, and bring it back.",
    noteLabel: "Change note (optional)",
    notePlaceholder: "e.g. Politer booking guidance",
    loadFailed: "Could not load the version history.",
    version: "Version",
    savedAt: "Saved at",
    savedBy: "Saved by",
    note: "Note",
    current: "Current",
    system: "System",
    restoredFrom: "Restored from v{{version}}",
    compare: "Compare with current",
    comparing: "v{{version}} against the current v{{current}}",
    legend: "- in v{{version}} / + in the current v{{current}}",
    unchanged: "Unchanged",
    changed: "Changed",
    noDifference: "This version has the same settings as the current one.",
    sections: {
      prompt: "System prompt",
      realtime: "Realtime API settings",
      legacy: "Legacy conversation settings",
      templates: "Keyword templates",
    },
    unreadable: "(this part of the version can no longer be read)",
    on: "ON",
    off: "OFF",
    restore: "Restore this version",
    restoreTitle: "Restore v{{version}}?",
    restoreBody:
      "The settings of v{{version}} are saved as a new version (v{{next}}) and used from the next call on. The history stays as it is.",
    restoreDirty: "Unsaved changes will be discarded.",
    restoreConfirm: "Restore",
    cancel: "Cancel",
    restoredTitle: "Version restored",
    restoredMessage: "Saved the settings of v{{version}} as v{{next}}.",
    restoreFailedTitle: "Could not restore",
  },
  unsaved: {
    title: "You have unsaved changes",
    body: "If you leave now, your unsaved changes will be lost.",
    stay: "Stay on this page",
    leave: "Discard and leave",
  },
};
