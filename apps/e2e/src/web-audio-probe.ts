import type { Page } from "playwright-core";

type StartedOscillator = { frequency: number; when: number; context: BaseAudioContext };

declare global {
  interface Window {
    startedOscillators?: StartedOscillator[];
  }
}

/**
 * Instruments the page's Web Audio before any of its scripts run: every `OscillatorNode.start`
 * is recorded on `window`, then runs as before, so the app's own oscillators still play.
 */
export async function recordOscillators(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const started: StartedOscillator[] = [];
    window.startedOscillators = started;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
      started.push({ frequency: this.frequency.value, when: when ?? 0, context: this.context });
      start.call(this, when);
    };
  });
}

/**
 * The frequencies of the oscillators the page started whose audio clock has run past their start:
 * tones actually rendered. A context the browser kept suspended never gets there.
 */
export function playedTones(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    (window.startedOscillators ?? [])
      .filter((oscillator) => oscillator.context.currentTime > oscillator.when)
      .map((oscillator) => oscillator.frequency),
  );
}
