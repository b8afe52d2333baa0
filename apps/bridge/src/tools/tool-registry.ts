import type { RealtimeFunctionTool } from "openai/resources/realtime/realtime";
import { z } from "zod";

/** What a tool handler knows about the call it acts for. */
export type ToolContext = {
  callSid: string;
  callSessionId: string;
  companyId: string;
  agentId: string;
  /** The caller's number (inbound) or the customer's (outbound). */
  customerNumber: string;
  /**
   * A test call of an evaluation run: its tools act on the database as on any call, but nothing
   * of it reaches Twilio (`twilio/twilio-actions.ts`: no redirect, no SMS).
   */
  isTest: boolean;
  /**
   * Tells the call how it will end before the tool moves it (Twilio may stop the stream for a
   * redirect before its REST reply arrives, and that stop is not the caller hanging up). Returns
   * the undo, for a move that failed.
   */
  leavingAs(action: CallAction): () => void;
  signal: AbortSignal;
};

export type ToolDefinition<Args extends z.ZodType = z.ZodType> = {
  name: string;
  description: string;
  parameters: Args;
  /** Longest the model waits for this tool before it is told it failed. */
  timeoutMs?: number;
  handler(args: z.infer<Args>, context: ToolContext): Promise<unknown>;
};

/** What a tool's success can ask of the call, once the model's answer is recorded. */
export type CallAction = "handed_off";

/**
 * A tool result that also tells the call what to do next: the call acts on it. A tool never
 * reaches into the call itself.
 */
export class ActionResult {
  readonly output: unknown;
  readonly action: CallAction;

  constructor(output: unknown, action: CallAction) {
    this.output = output;
    this.action = action;
  }
}

/** What the model gets back: the tool's output, or a clear error it can explain to the caller. */
/** The model's `arguments` string read as JSON once, or kept as sent when it is not JSON. */
export type ToolArguments = { ok: true; json: unknown } | { ok: false; raw: string };

export function parseToolArguments(argumentsJson: string): ToolArguments {
  try {
    return { ok: true, json: JSON.parse(argumentsJson || "{}") };
  } catch {
    return { ok: false, raw: argumentsJson };
  }
}

export type ToolOutcome = { ok: true; output: unknown; action?: CallAction } | { ok: false; error: string };

const DEFAULT_TIMEOUT_MS = 8_000;

/** A registered tool, with its argument type closed over so the registry can hold any tool. */
type RegisteredTool = {
  session: RealtimeFunctionTool;
  timeoutMs: number;
  prepare(json: unknown): { execute(context: ToolContext): Promise<unknown> } | { error: string };
};

/**
 * The functions the agent may call: their JSON schemas go into the session, the model's
 * arguments are validated with the same zod schemas, and each run has a time limit. Nothing a
 * tool or the model does here can throw into the call.
 */
export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();

  register<Args extends z.ZodType>(tool: ToolDefinition<Args>): this {
    if (this.tools.has(tool.name)) throw new Error(`tool ${tool.name} is registered twice`);
    this.tools.set(tool.name, {
      session: {
        type: "function",
        name: tool.name,
        description: tool.description,
        parameters: z.toJSONSchema(tool.parameters, { target: "draft-7" }),
      },
      timeoutMs: tool.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      prepare: (json) => {
        const args = tool.parameters.safeParse(json);
        if (!args.success) return { error: z.prettifyError(args.error) };
        return { execute: (context) => tool.handler(args.data, context) };
      },
    });
    return this;
  }

  /** The `tools` of a GA `session.update`. */
  sessionTools(): RealtimeFunctionTool[] {
    return [...this.tools.values()].map((tool) => tool.session);
  }

  async run(name: string, args: ToolArguments, context: Omit<ToolContext, "signal">): Promise<ToolOutcome> {
    const tool = this.tools.get(name);
    if (!tool)
      return {
        ok: false,
        error: `Unknown tool "${name}". Available: ${[...this.tools.keys()].join(", ") || "none"}.`,
      };
    if (!args.ok) return { ok: false, error: `The arguments for ${name} are not valid JSON.` };
    const prepared = tool.prepare(args.json);
    if ("error" in prepared) return { ok: false, error: `Invalid arguments for ${name}: ${prepared.error}` };
    const { timeoutMs } = tool;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ToolOutcome>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve({ ok: false, error: `${name} did not answer within ${timeoutMs} ms.` });
      }, timeoutMs);
    });
    // A handler that throws synchronously is a failed tool too, not an exception.
    const run = Promise.resolve()
      .then(() => prepared.execute({ ...context, signal: abort.signal }))
      .then(
        (result): ToolOutcome =>
          result instanceof ActionResult
            ? { ok: true, output: result.output, action: result.action }
            : { ok: true, output: result },
      )
      .catch(
        (error: unknown): ToolOutcome => ({
          ok: false,
          error: `${name} failed: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    try {
      return await Promise.race([run, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
