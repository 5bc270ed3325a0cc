import type { DeliveryChannel, Locale, Policy, RegisteredMethodKind, ResetFlow } from "@sspr/core";
import type { CodeState } from "../codes.js";
import type { LoadedFlow } from "../flows.js";

/**
 * A method as a reset flow offers it. `id` is fresh in every flow (what the client names);
 * `key` is stable for the same user (or decoy identifier) across flows, so per-method throttles
 * count a decoy exactly as they count a real user.
 */
export type FlowMethod = {
  id: string;
  key: string;
  /** The registered method behind it; null for a decoy. */
  recordId: string | null;
  kind: RegisteredMethodKind;
  hint: string;
  channels: DeliveryChannel[];
  /** A decoy's "registered" security questions: a stable subset, as a real user has. */
  decoyQuestionIds: string[];
};

/** The method being verified. */
export type ActiveMethod = {
  methodId: string;
  channel: DeliveryChannel | null;
  code: CodeState | null;
  /** Whether the typed contact matched; a code goes out only then. */
  contactMatched: boolean;
  /** A keyed hash of the contact as typed: sends are counted per typed contact. */
  contactKey: string | null;
  resendAvailableAt: number | null;
  questions: { id: string; text: string }[];
  /** Names this code (or this choice of app or questions) for its reserved tries; new per code. */
  triesKey: string;
};

export type ResetData = {
  userId: string | null;
  locale: Locale;
  /** Methods the policy asks of everyone; shown until the first method verifies. */
  policyRequired: number;
  required: number;
  methods: FlowMethod[];
  verified: string[];
  active: ActiveMethod | null;
  /** Set when a code died after too many wrong tries: the flow must start again. */
  dead: boolean;
  completed: boolean;
  /** What each verification used (a channel, or app / questions), for the audit and reports. */
  verifiedBy: string[];
  /** Verified, locked out, and the policy lets users unlock without a new password. */
  canUnlock: boolean;
  /** Completed by unlocking instead of setting a password. */
  unlocked: boolean;
  /** Started from an administrator's invitation. */
  invited: boolean;
  /** Keyed hashes of the codes that verified, so the same code sent again is `code-used`. */
  usedCodes: string[];
};

export type ResetFlowState = LoadedFlow<ResetData>;

const iso = (ms: number) => new Date(ms).toISOString();

/** A new flow's state: nothing verified, nothing active, not done. */
export const startingData = (
  facts: Pick<
    ResetData,
    "userId" | "locale" | "policyRequired" | "required" | "methods" | "invited"
  >,
): ResetData => ({
  ...facts,
  verified: [],
  active: null,
  dead: false,
  completed: false,
  verifiedBy: [],
  canUnlock: false,
  unlocked: false,
  usedCodes: [],
});

/** What the verifications used, for the audit. */
export const verifiedVia = (data: ResetData) => data.verifiedBy.join(",");

/** The channels a contact of this kind can receive under the policy. */
export function channelsFor(policy: Policy, kind: RegisteredMethodKind): DeliveryChannel[] {
  if (kind === "email") return ["email"];
  if (kind === "phone") return (["sms", "voice"] as const).filter((c) => policy.methods[c]);
  return [];
}

/** The flow as the client sees it: the step, masked methods, nothing secret. */
export function view(publicId: string, flow: ResetFlowState): ResetFlow {
  const { data } = flow;
  const active = data.active;
  const step: ResetFlow["step"] = data.completed
    ? data.unlocked
      ? "unlocked"
      : "done"
    : data.verified.length >= data.required
      ? "new-password"
      : active === null
        ? "choose-method"
        : active.questions.length > 0
          ? "answer-questions"
          : "enter-code";
  return {
    flowId: publicId,
    step,
    required: data.verified.length > 0 ? data.required : data.policyRequired,
    verified: data.verified.length,
    methods: data.methods
      .filter((m) => !data.verified.includes(m.id))
      .map(({ id, kind, hint, channels }) => ({ id, kind, hint, channels })),
    active:
      active && step !== "new-password" && step !== "done"
        ? {
            methodId: active.methodId,
            channel: active.channel,
            codeExpiresAt: active.code ? iso(active.code.expiresAt) : null,
            resendAvailableAt:
              active.resendAvailableAt === null ? null : iso(active.resendAvailableAt),
            questions: active.questions,
          }
        : null,
    canUnlock: step === "new-password" && data.canUnlock,
    expiresAt: iso(flow.record.expiresAt),
  };
}
