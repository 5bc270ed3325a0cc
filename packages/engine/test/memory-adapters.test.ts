import {
  describeDeliveryConformance,
  describeDirectoryConformance,
  describeStoreConformance,
} from "../src/conformance/index.js";
import { createArgon2Hasher } from "../src/hashers/argon2-hasher.js";
import { MemoryDelivery } from "../src/memory/memory-delivery.js";
import { MemoryDirectory } from "../src/memory/memory-directory.js";
import { MemoryStore } from "../src/memory/memory-store.js";

describeStoreConformance("MemoryStore", async () => ({ store: new MemoryStore() }));

describeDirectoryConformance("MemoryDirectory", async ({ now }) => {
  const directory = new MemoryDirectory({ hasher: createArgon2Hasher(), now });
  return { directory, seed: (user, password) => directory.addUser(user, password) };
});

describeDeliveryConformance("MemoryDelivery", async () => {
  const delivery = new MemoryDelivery();
  return { delivery, received: async () => delivery.sent };
});
