import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defaultLimits } from "@sspr/engine";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.js";
import { runCli } from "./cli.js";
import { sqliteFile } from "./services.js";

describe("the server's configuration", () => {
  it("has defaults for one instance on SQLite", async () => {
    const config = await loadConfig(undefined, {});
    expect(config).toMatchObject({
      listen: { host: "127.0.0.1", port: 8080 },
      basePath: "/sspr",
      dataDir: "./sspr-data",
      trustProxy: false,
    });
    expect(config.database).toBeUndefined();
  });

  it("takes a file, with environment variables over it", async () => {
    const { file, remove } = await sqliteFile();
    const path = join(file, "..", "sspr.json");
    try {
      await writeFile(path, JSON.stringify({ listen: { port: 9000 }, basePath: "/reset" }));
      const config = await loadConfig(path, { SSPR_LISTEN_PORT: "9100", SSPR_TRUST_PROXY: "1" });
      expect(config.listen.port).toBe(9100);
      expect(config.basePath).toBe("/reset");
      expect(config.trustProxy).toBe(1);
    } finally {
      await remove();
    }
  });

  it("trusts proxies by count or by address, never every X-Forwarded-For entry", async () => {
    expect(
      (await loadConfig(undefined, { SSPR_TRUST_PROXY: "10.0.0.0/8, loopback" })).trustProxy,
    ).toEqual(["10.0.0.0/8", "loopback"]);
    expect((await loadConfig(undefined, { SSPR_TRUST_PROXY: "false" })).trustProxy).toBe(false);
    // `true` used to mean "believe the left-most entry", which the client writes itself.
    await expect(loadConfig(undefined, { SSPR_TRUST_PROXY: "true" })).rejects.toThrow(
      /trustProxy: false, the number of proxies in front/,
    );
    await expect(loadConfig(undefined, { SSPR_TRUST_PROXY: "10.0.0.300" })).rejects.toThrow(
      /trustProxy/,
    );
  });

  it("sets the engine's limits within safe bounds, and shows those in force", async () => {
    const config = await loadConfig(undefined, {
      SSPR_LIMITS_STARTS_PER_ADDRESS_PER_MINUTE: "600",
      SSPR_LIMITS_ATTEMPTS_PER_CODE: "3",
    });
    expect(config.limits).toMatchObject({ startsPerAddressPerMinute: 600, attemptsPerCode: 3 });
    // No limit can be switched off or set to lock everyone out.
    await expect(loadConfig(undefined, { SSPR_LIMITS_ATTEMPTS_PER_CODE: "0" })).rejects.toThrow(
      /limits\.attemptsPerCode/,
    );
    await expect(loadConfig(undefined, { SSPR_LIMITS_BLOCK_HOURS: "9000" })).rejects.toThrow(
      /limits\.blockHours/,
    );
    const { file, remove } = await sqliteFile();
    try {
      const shown = await runCli(["limits", "show"], {
        SSPR_DATA_DIR: join(file, ".."),
        SSPR_LIMITS_FLOW_MINUTES: "10",
      });
      expect(JSON.parse(shown.stdout)).toEqual({ ...defaultLimits, flowMinutes: 10 });
    } finally {
      await remove();
    }
  });

  it("names each bad key, bad value and unknown variable", async () => {
    await expect(loadConfig(undefined, { SSPR_DATABSE_URL: "sqlite:x" })).rejects.toThrow(
      /Unknown environment variable: SSPR_DATABSE_URL/,
    );
    await expect(loadConfig(undefined, { SSPR_DATABASE_URL: "mysql://db/sspr" })).rejects.toThrow(
      /database\.url: Use sqlite:<file> or postgres:/,
    );
    await expect(loadConfig(undefined, { SSPR_REDIS_URL: "not a url" })).rejects.toThrow(
      /redis\.url/,
    );
    const { file, remove } = await sqliteFile();
    const path = join(file, "..", "sspr.json");
    try {
      await writeFile(
        path,
        JSON.stringify({ listen: { prot: 1 }, delivery: { smtp: { url: "x" } } }),
      );
      const error = await loadConfig(path, {}).catch((e: Error) => e.message);
      expect(error).toMatch(/listen: .*\(prot\)/);
      expect(error).toMatch(/delivery\.smtp\.url/);
      expect(error).toMatch(/delivery\.smtp\.from/);
    } finally {
      await remove();
    }
  });
});

describe("sspr with a bad configuration", () => {
  it("exits non-zero at once, naming the problem", async () => {
    const unknown = await runCli(["serve"], { SSPR_LISTEN_PROT: "1" });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown environment variable: SSPR_LISTEN_PROT/);
    const badUrl = await runCli(["serve"], { SSPR_DATABASE_URL: "mysql://db/sspr" });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/database\.url/);
    const { file, remove } = await sqliteFile();
    try {
      const unreachable = await runCli(["serve"], {
        SSPR_DATA_DIR: join(file, ".."),
        SSPR_DATABASE_URL: "postgres://sspr:secret@127.0.0.1:1/sspr",
      });
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toMatch(
        /The database postgres:\/\/sspr:\*\*\*@127\.0\.0\.1:1\/sspr cannot be used: .*ECONNREFUSED/,
      );
      expect(unreachable.stderr).not.toContain("secret");
      const noRedis = await runCli(["serve"], {
        SSPR_DATA_DIR: join(file, ".."),
        SSPR_REDIS_URL: "redis://127.0.0.1:1",
      });
      expect(noRedis.code).toBe(1);
      expect(noRedis.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:1 cannot be reached/);
    } finally {
      await remove();
    }
  });
});
