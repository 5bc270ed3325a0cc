import type { Delivery } from "@sspr/engine";

/** One delivery from several, each message going to the first that carries its channel. */
export function routeByChannel(deliveries: Delivery[]): Delivery {
  return {
    channels: [...new Set(deliveries.flatMap((d) => d.channels))],
    async send(message) {
      const carrier = deliveries.find((d) => d.channels.includes(message.channel));
      if (!carrier) throw new Error(`No delivery carries ${message.channel}`);
      await carrier.send(message);
    },
  };
}
