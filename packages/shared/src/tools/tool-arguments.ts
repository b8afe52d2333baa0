import { z } from "zod";

/**
 * Arguments of the functions the agent may call. The bridge sends their JSON schemas in the
 * session and validates the model's arguments with them; the simulator's scenarios use the names.
 */
export const requestOperatorHandoffArgs = z.object({
  reason: z.string().trim().min(1).max(500).describe("担当者へ引き継ぐ理由(日本語で簡潔に)"),
});

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "E.164 形式の電話番号 (例: +819012345678)");

export const getCustomerInfoArgs = z.object({
  phone_number: e164
    .optional()
    .describe("お客様の電話番号 (E.164)。省略するとお電話中のお客様の番号で検索します"),
});

export const scheduleAppointmentArgs = z.object({
  date: z.iso.date("YYYY-MM-DD 形式の実在する日付").describe("予約日 (YYYY-MM-DD、日本時間)"),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM 形式 (24時間表記)")
    .describe("予約時刻 (HH:MM、24時間表記、日本時間)"),
  name: z.string().trim().min(1).max(100).describe("予約者のお名前"),
});

export const TOOL_NAMES = {
  handoff: "request_operator_handoff",
  customerInfo: "get_customer_info",
  schedule: "schedule_appointment",
} as const;
