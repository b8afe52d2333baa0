import { RealtimeSimulator, type RealtimeSimulatorOptions } from "@koe/sim";
import { type BridgeHarness, startBridgeHarness } from "./bridge-harness.ts";
import { OpenAIProxy } from "./openai-proxy.ts";

export type ProxiedBridge = {
  sim: RealtimeSimulator;
  proxy: OpenAIProxy;
  bridge: BridgeHarness;
  close(): Promise<void>;
};

/**
 * A bridge whose OpenAI is an `OpenAIProxy` in front of a fresh GA simulator, for tests that add
 * frames of their own to a session, close or refuse it; `close` stops all three.
 */
export async function startProxiedBridge(sim: RealtimeSimulatorOptions = {}): Promise<ProxiedBridge> {
  const simulator = await RealtimeSimulator.start(sim);
  const proxy = await OpenAIProxy.start(simulator.url);
  const bridge = await startBridgeHarness({ env: { OPENAI_REALTIME_URL: proxy.url } });
  return {
    sim: simulator,
    proxy,
    bridge,
    async close() {
      await bridge.close();
      await proxy.close();
      await simulator.close();
    },
  };
}
