/**
 * The `orders` producer: one record at a time at the lab's rate, with a sequence number, key and
 * timestamp; `acks=all`, idempotence on. A failed send is retried with the same sequence number on a
 * fresh client, as an at-least-once application would.
 */
import { ProduceAcks, Producer, stringSerializers } from "@platformatic/kafka";
import { existsSync, readFileSync } from "node:fs";
import { appName, closeForcefully, sleep, startApp } from "./app.js";
import { appFiles, appPropertiesFile, type AppName } from "./files.js";
import { ledgerEntries } from "./ledger.js";

/** `producer.properties` in the attempt folder, when the lab lets the learner choose the settings. */
function readSettings(attemptDir: string | undefined, name: AppName): Record<string, string> {
  const settings: Record<string, string> = { acks: "all", "enable.idempotence": "true" };
  const file = attemptDir ? appPropertiesFile(attemptDir, name) : "";
  if (!file || !existsSync(file)) return settings;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    const eq = line.indexOf("=");
    if (!line || line.startsWith("#") || eq < 0) continue;
    settings[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  if (settings.acks === "-1") settings.acks = "all";
  return settings;
}

const name = appName("producer");
const settings = readSettings(process.argv[2], name);
const app = startApp(name, settings);
const acks =
  settings.acks === "0"
    ? ProduceAcks.NO_RESPONSE
    : settings.acks === "1"
      ? ProduceAcks.LEADER
      : ProduceAcks.ALL;
// Kafka's own producer refuses idempotence without acks=all; this one just turns it off.
const idempotent = settings["enable.idempotence"] === "true" && acks === ProduceAcks.ALL;
const { workload } = app.config;
const region = app.dns.region;

function lastSequence(): number {
  let last = 0;
  for (const e of ledgerEntries(appFiles(app.attemptDir, name).ledger)) {
    if (e.type === "produced" && e.seq > last) last = e.seq;
  }
  return last;
}

function newProducer(): Producer<string, string, string, string> {
  return new Producer({
    clientId: "orders-producer",
    bootstrapBrokers: app.dns.bootstrap.split(","),
    serializers: stringSerializers,
    acks,
    idempotent,
    timeout: 5000,
    retries: 3,
    retryDelay: 500,
  });
}

async function run(): Promise<void> {
  let producer = newProducer();
  app.onStop(() => closeForcefully(producer));
  const intervalMs = 1000 / workload.producerRatePerSecond;
  // With a second site the two producers share one sequence, A's odd and B's even: a seq names its record.
  const stride = workload.siteB ? 2 : 1;
  const last = lastSequence();
  let seq = last > 0 ? last + stride : name === "producer-b" ? 2 : 1;
  let attempt = 1;
  let next = Date.now();
  while (!app.stopping()) {
    const ts = Date.now();
    const key = `customer-${seq % workload.keys}`;
    app.ledger.append({ type: "produced", seq, key, ts, region, attempt });
    try {
      const result = await producer.send({
        messages: [
          {
            topic: workload.topic,
            key,
            value: JSON.stringify({ seq, key, ts, region }),
            timestamp: BigInt(ts),
          },
        ],
      });
      const written = result.offsets?.[0];
      app.ledger.append({
        type: "acked",
        seq,
        partition: written?.partition ?? -1,
        offset: Number(written?.offset ?? -1n),
        ts: Date.now(),
        region,
      });
      app.ok();
      seq += stride;
      attempt = 1;
      next = Math.max(next + intervalMs, Date.now() - 1000);
      await sleep(Math.max(0, next - Date.now()));
    } catch (error) {
      if (app.stopping()) break;
      app.ledger.append({ type: "failed", seq, ts: Date.now(), region, error: String(error) });
      app.failed(error);
      attempt++;
      // The idempotent producer's sequence state is unknown after a failure: start a new one.
      await closeForcefully(producer);
      await sleep(1000);
      producer = newProducer();
      next = Date.now();
    }
  }
}

run().catch((error: unknown) => {
  app.failed(error);
  app.ledger.close();
  process.exit(1);
});
