type Role = "caller" | "agent" | "tool";
const LABELS: Record<Role, string> = { caller: "お客様", agent: "あなた", tool: "ツールの結果" };

/** How much of the conversation a reconnected session is told about. */
const RESTORE_MAX_CHARS = 6_000;

/**
 * What was said in the call, as the caller heard it. A new provider session (after a
 * reconnection) starts empty; `restoreText` is the context it is given.
 */
export class ConversationMemory {
  private readonly lines: { role: Role; text: string }[] = [];

  add(role: Role, text: string): void {
    this.lines.push({ role, text });
  }

  /** The most recent lines that fit, as a Japanese note for the model; null when nothing was said. */
  restoreText(): string | null {
    if (this.lines.length === 0) return null;
    const kept: string[] = [];
    let size = 0;
    for (const line of [...this.lines].reverse()) {
      const text = `${LABELS[line.role]}: ${line.text}`;
      if (kept.length > 0 && size + text.length > RESTORE_MAX_CHARS) break;
      kept.unshift(text);
      size += text.length + 1;
    }
    return `通信が一時的に途切れました。これまでの会話は次のとおりです。続きから自然に対応してください。\n${kept.join("\n")}`;
  }
}
