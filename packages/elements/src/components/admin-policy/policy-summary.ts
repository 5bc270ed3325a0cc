import type { Locale, Policy } from "@sspr/core";
import type { adminPolicyEn } from "../../i18n/admin-policy.en.js";
import type { Translate } from "../../i18n/localize.js";

/**
 * What users will experience under a policy, sentence by sentence, so an administrator reads
 * the effect of a setting rather than its name.
 */
export function policySummary(
  policy: Policy,
  t: Translate<keyof typeof adminPolicyEn>,
  locale: Locale,
): string[] {
  const list = (items: string[], type: "conjunction" | "disjunction") =>
    new Intl.ListFormat(locale, { type }).format(items);
  const { methods, password, registration, helpdesk, codes } = policy;
  const kinds: string[] = [];
  if (methods.email) kinds.push(t("policy.summary.method.email"));
  if (methods.sms || methods.voice) kinds.push(t("policy.summary.method.phone"));
  if (methods.app) kinds.push(t("policy.summary.method.app"));
  if (methods.questions) kinds.push(t("policy.summary.method.questions"));
  const lines = [
    policy.enabled.scope === "selected"
      ? t("policy.summary.selected", { groups: list(policy.enabled.groups, "conjunction") })
      : t(`policy.summary.${policy.enabled.scope}`),
  ];
  if (policy.enabled.scope === "none") return lines;
  lines.push(
    t(`policy.summary.methods.${policy.methodsRequired}`, {
      methods: list(kinds, "disjunction"),
    }),
    t(
      registration.requireAtSignIn
        ? "policy.summary.register.atSignIn"
        : "policy.summary.register.optional",
    ),
  );
  if (registration.reconfirmDays > 0)
    lines.push(t("policy.summary.reconfirm", { days: registration.reconfirmDays }));
  lines.push(t("policy.summary.password", { min: password.minLength }));
  if (password.historyCount > 0)
    lines.push(t("policy.summary.history", { count: password.historyCount }));
  lines.push(
    password.expiryDays > 0
      ? t("policy.summary.expiry", { days: password.expiryDays, warning: password.warningDays })
      : t("policy.summary.noExpiry"),
    t("policy.summary.codes", { length: codes.length, minutes: codes.lifetimeMinutes }),
  );
  if (policy.accountUnlock) lines.push(t("policy.summary.unlock"));
  lines.push(
    helpdesk.kind === "none"
      ? t("policy.summary.noHelpdesk")
      : t("policy.summary.helpdesk", {
          where: helpdesk.kind === "url" ? helpdesk.url : helpdesk.email,
        }),
  );
  return lines;
}
