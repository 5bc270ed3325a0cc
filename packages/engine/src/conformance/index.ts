export { type BotCheckUnderTest, describeBotCheckConformance } from "./bot-check.conformance.js";
export { describeCountersConformance } from "./counters.conformance.js";
export { describeDeliveryConformance } from "./delivery.conformance.js";
export { describeDirectoryConformance } from "./directory.conformance.js";
export { describeHasherConformance } from "./hasher.conformance.js";
export { describeStoreConformance } from "./store.conformance.js";
