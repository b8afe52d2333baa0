import { fileURLToPath } from "node:url";
import ts from "typescript";

/** A virtual file beside this one, so that `openai` resolves from this package's node_modules. */
const VIRTUAL_FILE = fileURLToPath(new URL("./__recorded-server-events__.ts", import.meta.url));

/**
 * Longer strings are cut to this length before type-checking: audio and ids make the program large,
 * and no string literal type of the GA unions (event types, statuses) comes near it.
 */
const MAX_STRING = 80;

/** Lines of the virtual file before the first event. */
const PREAMBLE = [
  'import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";',
  "export const events: RealtimeServerEvent[] = [",
];

export type SdkTypeComplaint = { event: unknown; message: string };

/**
 * Type-checks events as `RealtimeServerEvent[]` from the `openai` SDK with the TypeScript compiler,
 * excess property checks included, and returns the compiler's complaints with the event each is
 * about (none: all conform). Events that differ only in their long strings are checked once.
 * One program costs seconds (the SDK's declarations are megabytes), so check all events at once.
 */
export function checkServerEventsAgainstSdk(events: readonly unknown[]): SdkTypeComplaint[] {
  const unique = [
    ...new Set(
      events.map((event) =>
        JSON.stringify(event, (_key, value: unknown) =>
          typeof value === "string" && value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value,
        ),
      ),
    ),
  ];
  const source = [...PREAMBLE, ...unique.map((json) => `${json},`), "];"].join("\n");
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
    const json = unique[line - PREAMBLE.length];
    return {
      event: json === undefined ? null : JSON.parse(json),
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    };
  });
}
