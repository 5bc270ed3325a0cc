import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import { SsprProblem } from "@sspr/core";
import { Client, ResultCodeError } from "ldapts";
import type { LdapDirectoryConfig } from "./ldap-directory.schema.js";

/** LDAP result codes that mean "not now": busy (51) and unavailable (52). */
const notNowCodes = new Set([51, 52]);

/** What a client is told to wait before trying again while the directory is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The LDAP server as sspr reaches it: a pool of service-account connections (TLS as configured,
 * every operation under a timeout, a dropped connection replaced on next use), and one-off
 * connections that bind as a user to check a password. A server that refuses, drops or does
 * not answer becomes the `directory-unavailable` problem (503 with Retry-After).
 */
export class LdapConnections {
  readonly #config: LdapDirectoryConfig;
  readonly #tls: ConnectionOptions;
  readonly #startTls: ConnectionOptions;
  readonly #pool: (Promise<Client> | undefined)[];
  #next = 0;

  constructor(config: LdapDirectoryConfig) {
    this.#config = config;
    this.#tls = config.caFile ? { ca: readFileSync(config.caFile) } : {};
    // slapd (GnuTLS) resets a TLS 1.3 handshake that Node starts inside a StartTLS session;
    // TLS 1.2 there works (ldaps:// negotiates 1.3 as usual).
    this.#startTls = { ...this.#tls, maxVersion: "TLSv1.2" };
    this.#pool = Array.from({ length: config.poolSize });
  }

  /** Runs `work` on a pooled service-account connection. */
  async asService<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const slot = this.#next;
    this.#next = (this.#next + 1) % this.#pool.length;
    try {
      const pooled = this.#pool[slot];
      const client = pooled && (await pooled).isConnected ? await pooled : await this.#refill(slot);
      return await work(client);
    } catch (error) {
      if (error instanceof SsprProblem || isAnswer(error)) throw error;
      this.#drop(slot);
      throw unavailable(error);
    }
  }

  /** True when `dn` binds with `password` (false for wrong credentials or a locked account). */
  async bindsAs(dn: string, password: string): Promise<boolean> {
    // An empty password would be an unauthenticated bind, which servers accept.
    if (password === "") return false;
    const client = this.#client();
    try {
      if (this.#config.startTls) await client.startTLS({ ...this.#startTls }); // ldapts writes the socket into it
      await client.bind(dn, password);
      return true;
    } catch (error) {
      if (error instanceof ResultCodeError && error.code === 49) return false;
      if (isAnswer(error)) throw error;
      throw unavailable(error);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** Closes every pooled connection. */
  async close(): Promise<void> {
    const open = this.#pool.splice(0);
    await Promise.all(
      open.map(async (pooled) =>
        (await pooled?.catch(() => undefined))?.unbind().catch(() => undefined),
      ),
    );
  }

  #refill(slot: number): Promise<Client> {
    const opening = (async () => {
      const client = this.#client();
      if (this.#config.startTls) await client.startTLS({ ...this.#startTls }); // ldapts writes the socket into it
      await client.bind(this.#config.bindDn, this.#config.bindPassword);
      return client;
    })();
    this.#pool[slot] = opening;
    return opening;
  }

  #drop(slot: number) {
    const pooled = this.#pool[slot];
    this.#pool[slot] = undefined;
    pooled?.then((client) => client.unbind()).catch(() => undefined);
  }

  #client() {
    return new Client({
      url: this.#config.url,
      timeout: this.#config.timeoutMs,
      connectTimeout: this.#config.timeoutMs,
      // Only for ldaps://: given for ldap:// too, ldapts breaks the later StartTLS handshake.
      ...(this.#config.url.startsWith("ldaps:") ? { tlsOptions: this.#tls } : {}),
    });
  }
}

/** True for an answer of the server (an LDAP result) rather than its absence. */
const isAnswer = (error: unknown) =>
  error instanceof ResultCodeError && !notNowCodes.has(error.code);

/** The problem for a server that is away; its cause stays on the server side (`cause`). */
const unavailable = (error: unknown) =>
  Object.assign(
    new SsprProblem("directory-unavailable", { retryAfterSeconds: RETRY_AFTER_SECONDS }),
    {
      cause: error,
    },
  );
