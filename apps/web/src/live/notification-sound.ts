import { useSyncExternalStore } from "react";
import { playChime } from "./chime.ts";

/**
 * on: handoffs chime. off: the operator muted them on this browser. blocked: the browser keeps
 * the page's audio suspended until a click or key press (autoplay policy), e.g. after a reload.
 */
export type NotificationSoundState = "on" | "off" | "blocked";

const STORAGE_KEY = "koe.notificationSound";
const listeners = new Set<() => void>();
/**
 * One context for the page, made as the app loads: made before any gesture, it starts suspended,
 * which is how the page learns that the browser is holding sound back.
 */
const audio = typeof AudioContext === "function" ? new AudioContext() : null;
audio?.addEventListener("statechange", () => notify());
// Any gesture lets the browser resume the audio (signing in is one), so each is taken.
for (const gesture of ["pointerdown", "keydown"]) {
  window.addEventListener(gesture, () => void audio?.resume(), { capture: true });
}

function notify(): void {
  for (const listener of listeners) listener();
}

function muted(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === "off";
  } catch {
    return false;
  }
}

function currentState(): NotificationSoundState {
  if (muted()) return "off";
  return audio?.state === "suspended" ? "blocked" : "on";
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useNotificationSound(): NotificationSoundState {
  return useSyncExternalStore(subscribe, currentState);
}

/** Chimes on, remembered on this browser; the chime plays once so the operator hears it works. */
export async function turnNotificationSoundOn(): Promise<void> {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Blocked storage: on is the default anyway.
  }
  notify();
  if (!audio) return;
  await audio.resume();
  playChime(audio);
}

export function muteNotificationSound(): void {
  try {
    localStorage.setItem(STORAGE_KEY, "off");
  } catch {
    // Without storage the operator's choice cannot be kept; the chime stays on.
  }
  notify();
}

/**
 * The alert for an AI-requested handoff, unless muted. Not played into a suspended context: it
 * would sound late, whenever the page is next clicked.
 */
export function playHandoffChime(): void {
  if (audio && currentState() === "on") playChime(audio);
}
