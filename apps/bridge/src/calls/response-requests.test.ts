import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import { describe, expect, it } from "vitest";
import { ResponseRequests } from "./response-requests.ts";

function requests(ready = true) {
  const sent: RealtimeClientEvent[] = [];
  const state = { ready };
  const responses = new ResponseRequests({ isReady: () => state.ready, send: (e) => sent.push(e) });
  return { responses, sent, state };
}

describe("ResponseRequests", () => {
  it("asks for one response at a time and the waiting one after response.done", () => {
    const { responses, sent } = requests();
    responses.request();
    responses.request();
    expect(sent).toEqual([{ type: "response.create", event_id: "create_1" }]);
    responses.created("resp_1");
    expect(responses.isActive).toBe(true);
    responses.finished();
    responses.requestIfWanted();
    expect(sent.map((e) => e.type === "response.create" && e.event_id)).toEqual(["create_1", "create_2"]);
  });

  it("waits for a ready session, and asks again after a refused create", () => {
    const { responses, sent, state } = requests(false);
    responses.request();
    expect(sent).toEqual([]);
    state.ready = true;
    responses.requestIfWanted();
    responses.refused("create_1");
    responses.request();
    expect(sent).toHaveLength(2);
  });

  it("asks again for an answer cut off by a lost session", () => {
    const { responses, sent } = requests();
    responses.request();
    responses.created("resp_1");
    responses.lost();
    expect(responses.isActive).toBe(false);
    responses.requestIfWanted();
    expect(sent).toHaveLength(2);
  });
});
