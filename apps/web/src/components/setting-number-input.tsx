import { NumberInput } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * One number of a settings card, laid out alike on every card: its name, what it changes in words,
 * its bounds and step, and its unit after the number (e.g. " ms").
 */
export function SettingNumberInput(props: {
  label: string;
  description: string;
  min: number;
  max: number;
  step?: number;
  decimalScale?: number;
  suffix: string;
  value: number | string;
  onChange(value: number | string): void;
  error?: ReactNode;
}) {
  return <NumberInput {...props} />;
}
