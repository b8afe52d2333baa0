import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkCommand, readmeCommands } from "./readme-commands.ts";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("the README's commands", () => {
  const commands = [...new Set(readmeCommands(README))];

  it("are found in sh blocks and inline spans", () => {
    expect(commands).toContain("./koe dev");
    expect(commands).toContain("./koe test");
    expect(commands).toContain("./koe call --scenario booking");
  });

  it.each(commands)("%s names a real command", (command) => {
    expect(checkCommand(command)).toBeUndefined();
  });

  it("tells a made-up command from a real one", () => {
    expect(readmeCommands("run `./koe nope` or `pnpm nope`, then\n```sh\n./koe db teleport\n```\n")).toEqual([
      "./koe db teleport",
      "./koe nope",
      "pnpm nope",
    ]);
    expect(checkCommand("./koe nope")).toMatch(/does not know/);
    expect(checkCommand("./koe db teleport")).toMatch(/does not know/);
    expect(checkCommand("pnpm lint")).toMatch(/not on the PATH/);
    expect(checkCommand("./koe pnpm nope")).toMatch(/no script "nope"/);
    expect(checkCommand("./koe pnpm --filter @koe/nope test")).toMatch(/no package/);
    expect(checkCommand("./koe pnpm --filter @koe/e2e teleport")).toMatch(/no script/);
  });
});
