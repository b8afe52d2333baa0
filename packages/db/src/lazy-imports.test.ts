import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** Every package a fresh process loads when it imports `@koe/db` (and nothing else). */
function packagesLoadedByImport(): string[] {
  const script = `
    import { registerHooks } from "node:module";
    const seen = new Set();
    registerHooks({
      resolve(specifier, context, next) {
        const resolved = next(specifier, context);
        const match = /node_modules\\/\\.pnpm\\/(@?[^@/]+(?:\\+[^@/]+)?)@/.exec(resolved.url);
        if (match) seen.add(match[1].replace("+", "/"));
        return resolved;
      },
    });
    await import(${JSON.stringify(fileURLToPath(new URL("./index.ts", import.meta.url)))});
    console.log(JSON.stringify([...seen]));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "[]") as string[];
}

describe("importing @koe/db", () => {
  // The bridge imports this package: what only seeding, migrating or the embedded database need
  // would cost every bridge process its memory (PGlite's WebAssembly alone is megabytes).
  it("loads neither PGlite, better-auth nor graphile-worker until they are used", () => {
    const loaded = packagesLoadedByImport();
    expect(loaded).toContain("@prisma/client");
    for (const heavy of [
      "@electric-sql/pglite",
      "@electric-sql/pglite-socket",
      "better-auth",
      "graphile-worker",
    ])
      expect(loaded).not.toContain(heavy);
  });
});
