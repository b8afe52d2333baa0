import { fileURLToPath } from "node:url";
import ts from "typescript";

/** A virtual file beside this one, so that `openai` resolves from this package's node_modules. */
const VIRTUAL_FILE = fileURLToPath(new URL("./__recorded-server-events__.ts", import.meta.url));

/**
 * Lines of the virtual file before the first event. Its one widening of the SDK's union: the
 * session in `session.created` / `session.updated` also has the `id` and `object` the API reference
 * documents there (as the SDK's `RealtimeSessionCreateResponse`), while the event types name the
 * request type, which has neither.
 */
const PREAMBLE = [
  'import type { RealtimeSessionCreateResponse } from "openai/resources/realtime/client-secrets";',
  "import type {",
  "  RealtimeServerEvent,",
  "  RealtimeSessionCreateRequest,",
  "  SessionCreatedEvent,",
  "  SessionUpdatedEvent,",
  '} from "openai/resources/realtime/realtime";',
  'type Described = RealtimeSessionCreateRequest & Pick<RealtimeSessionCreateResponse, "id" | "object">;',
  "type ServerEvent =",
  "  | Exclude<RealtimeServerEvent, SessionCreatedEvent | SessionUpdatedEvent>",
  '  | (Omit<SessionCreatedEvent, "session"> & { session: Described })',
  '  | (Omit<SessionUpdatedEvent, "session"> & { session: Described });',
  "export const events: ServerEvent[] = [",
];

/** Ids of events, items, responses, calls, sessions: typed `string`, so one stands for all. */
const ID = /^(event|item|resp|call|sess|conv|rtc)_/;
/** No string literal type of the GA unions (event types, statuses) comes near this length. */
const MAX_STRING = 80;

/**
 * An event as it is type-checked: ids and long strings (audio, text) shortened, so that events of
 * one shape are checked once; and a null checked as an absent field. The SDK's generated types mark
 * optional fields `?:` without `| null`, while the API sends null in some (`transcript` until
 * transcribed, `noise_reduction` when off): a null passes only where the SDK lets the field be absent.
 */
function shapeOf(event: unknown): string {
  return JSON.stringify(event, (key, value: unknown) => {
    if (typeof value === "string") {
      const id = ID.exec(value);
      if (id) return `${id[1]}_1`;
      return value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value;
    }
    return value === null && key !== "" ? undefined : value;
  });
}

/** `index`: the position in the checked list of (the first) event the compiler complains about. */
export type SdkTypeComplaint = { index: number; message: string };

/**
 * Type-checks events as `RealtimeServerEvent[]` of the `openai` SDK with the TypeScript compiler,
 * excess property checks included, and returns its complaints (none: all conform). One program
 * costs seconds (the SDK's declarations are megabytes): check all events in one call.
 */
export function checkServerEventsAgainstSdk(events: readonly unknown[]): SdkTypeComplaint[] {
  const firstIndexOfShape = new Map<string, number>();
  events.forEach((event, index) => {
    const shape = shapeOf(event);
    if (!firstIndexOfShape.has(shape)) firstIndexOfShape.set(shape, index);
  });
  const shapes = [...firstIndexOfShape.keys()];
  const source = [...PREAMBLE, ...shapes.map((json) => `${json},`), "];"].join("\n");
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts"],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    fileName === VIRTUAL_FILE
      ? ts.createSourceFile(fileName, source, languageVersion)
      : getSourceFile(fileName, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === VIRTUAL_FILE || fileExists(fileName);
  const program = ts.createProgram([VIRTUAL_FILE], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(VIRTUAL_FILE)).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const shape = shapes[line - PREAMBLE.length];
    return {
      index: shape === undefined ? -1 : (firstIndexOfShape.get(shape) ?? -1),
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    };
  });
}
