import type { RealtimeModel } from "@koe/shared";

/** Who a realtime call is: its row, its Twilio call, and what every event of it is filed under. */
export type CallIdentity = {
  /** CallSession row id. */
  id: string;
  callSid: string;
  companyId: string;
  agentId: string;
  customerNumber: string;
  /** A test call of an evaluation run (`CallSession.isTest`). */
  isTest: boolean;
  model: RealtimeModel;
};
