import { solveBotChallenge } from "@sspr/core";
import { describe, expect, it } from "vitest";
import { createTestEngine, QUESTION_ANSWERS, WITH_QUESTIONS } from "./fixtures.js";

describe("security questions in the user's language", () => {
  it("offers the built-in questions in Dutch or English by locale, and answers given in one work in the other", async () => {
    const engine = await createTestEngine({
      policy: { ...WITH_QUESTIONS, methodsRequired: 2 },
    });
    const question = (status: { questions: { available: { id: string; text: string }[] } }) =>
      status.questions.available.find((q) => q.id === "first-pet")?.text;
    expect(question(await engine.as("carl", { locale: "nl" }).getRegistration())).toBe(
      "Hoe heette uw eerste huisdier?",
    );
    expect(question(await engine.as("carl").getRegistration())).toBe(
      "What was the name of your first pet?",
    );
    // Registered in English, reset in Dutch.
    await engine.registerContact("carl", "email", "carl@example.org");
    await engine.as("carl").setSecurityQuestions({ answers: QUESTION_ANSWERS });
    const api = engine.anonymous();
    const flow = await api.startReset({
      identifier: "carl@contoso.com",
      botProof: await solveBotChallenge(await api.getBotChallenge()),
      locale: "nl",
    });
    const asked = await api.chooseMethod({
      flowId: flow.flowId,
      methodId: flow.methods.find((m) => m.kind === "questions")?.id ?? "",
    });
    expect(asked.active?.questions.find((q) => q.id === "first-pet")?.text).toBe(
      "Hoe heette uw eerste huisdier?",
    );
    const verified = await api.answerQuestions({ flowId: flow.flowId, answers: QUESTION_ANSWERS });
    expect(verified.verified).toBe(1);
  });
});
