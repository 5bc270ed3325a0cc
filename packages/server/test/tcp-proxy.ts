import { connect, createServer, type Socket } from "node:net";

/** How the proxy treats its connections. */
type ProxyMode = "pass" | "down" | "stall";

/**
 * A TCP proxy on loopback in front of a real service, for fault tests: it passes bytes, or is
 * down (every connection cut, new ones closed at once: a restart or failover), or stalls
 * (connections accepted and then silence: a hung peer).
 */
export async function tcpProxy(targetPort: number) {
  let mode: ProxyMode = "pass";
  const open = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    client.on("error", () => undefined);
    if (mode === "down") {
      client.destroy();
      return;
    }
    if (mode === "stall") return;
    const upstream = connect(targetPort, "127.0.0.1");
    open.add(upstream);
    upstream.once("close", () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on("error", () => undefined);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.once("close", () => {
      pairs.delete(pair);
      upstream.destroy();
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const cutAll = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    port,
    /** Cuts every connection, and closes each new one at once. */
    down() {
      mode = "down";
      cutAll();
    },
    /** Open connections fall silent; new ones are accepted and never answered. */
    stall() {
      mode = "stall";
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
      }
    },
    /** Passes bytes again (connections opened meanwhile are cut, so clients reconnect). */
    up() {
      mode = "pass";
      cutAll();
    },
    close() {
      cutAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
