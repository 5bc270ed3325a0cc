import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../src/policy/policy.defaults.js";
import { policySchema } from "../src/policy/policy.schema.js";
import { SsprProblem } from "../src/problems/problem.js";

describe("the policy schema", () => {
  it("accepts the defaults, with security questions off and no expiry", () => {
    expect(policySchema.parse(defaultPolicy)).toEqual(defaultPolicy);
    expect(defaultPolicy.methods.questions).toBe(false);
    expect(defaultPolicy.password.expiryDays).toBe(0);
  });

  it("never lets security questions be the only method", () => {
    const onlyQuestions = {
      ...defaultPolicy,
      methods: { email: false, sms: false, voice: false, app: false, questions: true },
    };
    expect(policySchema.safeParse(onlyQuestions).success).toBe(false);
  });

  it("needs as many allowed methods as a reset requires", () => {
    const one = {
      ...defaultPolicy,
      methodsRequired: 2,
      methods: { email: true, sms: false, voice: false, app: false, questions: false },
    };
    expect(policySchema.safeParse(one).success).toBe(false);
  });
});

describe("problems", () => {
  it("carry an RFC 9457 document with a stable code and status, and survive a round trip", () => {
    const problem = new SsprProblem("code-invalid", { attemptsLeft: 3 });
    expect(problem.problem).toEqual({
      type: "https://sspr.dev/problems/code-invalid",
      title: "The code is not correct",
      status: 400,
      code: "code-invalid",
      attemptsLeft: 3,
    });
    expect(SsprProblem.fromProblem(problem.problem).problem).toEqual(problem.problem);
  });
});
