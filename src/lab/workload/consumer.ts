/**
 * The `app-g` consumer: processes each record (writes it to the ledger), then commits the processed
 * offsets once a second. On errors it logs, closes the client and starts again from the committed
 * offsets, so it keeps going through an outage.
 */
import { Consumer, stringDeserializers, type Message } from "@platformatic/kafka";
import { existsSync, readFileSync } from "node:fs";
import { parseProperties } from "../properties.js";
import { appName, closeForcefully, keepRunning, sleep, startApp } from "./app.js";
import { appPropertiesFile } from "./files.js";

const name = appName("consumer");
const app = startApp(name);
const { workload } = app.config;
const region = app.dns.region;

/** The topics to read: `topics` in the consumer's own properties file, else the lab's for the region. */
function subscription(): string[] {
  const file = appPropertiesFile(app.attemptDir, name);
  const listed = existsSync(file) ? parseProperties(readFileSync(file, "utf8")).get("topics") : undefined;
  const topics = (listed ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return topics.length > 0 ? topics : workload.consumerTopics[region];
}
const topics = subscription();
// A consumer slower than the producer builds a backlog, as real ones do: one record per pause.
const pauseMs = workload.consumerRatePerSecond ? 1000 / workload.consumerRatePerSecond : 0;

type StringMessage = Message<string, string, string, string>;

/** The last processed message per partition, committed on the next tick (and on shutdown). */
const toCommit = new Map<string, StringMessage>();
let current: Consumer<string, string, string, string> | null = null;

async function commitProcessed(): Promise<void> {
  const batch = [...toCommit.values()];
  toCommit.clear();
  await Promise.all(
    batch.map(async (message) => {
      await message.commit();
      app.ledger.append({
        type: "committed",
        topic: message.topic,
        partition: message.partition,
        offset: Number(message.offset) + 1,
        ts: Date.now(),
        region,
      });
    }),
  );
}

app.onStop(async () => {
  await Promise.race([commitProcessed().catch(() => {}), sleep(2000)]);
  if (current) await closeForcefully(current);
});

function sequenceOf(value: string | undefined): number | null {
  try {
    const parsed = JSON.parse(value ?? "") as { seq?: unknown };
    return typeof parsed.seq === "number" ? parsed.seq : null;
  } catch {
    return null;
  }
}

async function runOnce(): Promise<void> {
  const consumer: Consumer<string, string, string, string> = new Consumer({
    clientId: "app-g-consumer",
    groupId: workload.group,
    bootstrapBrokers: app.dns.bootstrap.split(","),
    deserializers: stringDeserializers,
    autocommit: false,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    maxWaitTime: 200,
    timeout: 5000,
    retries: 3,
    retryDelay: 500,
  });
  let failure: unknown = null;
  let failed: () => void = () => {};
  const failedOnce = new Promise<void>((resolve) => (failed = resolve));
  const fail = (error: unknown) => {
    failure ??= error;
    failed();
  };
  current = consumer;
  consumer.on("consumer:heartbeat:error", (payload: { error: Error }) => fail(payload.error));
  toCommit.clear();
  const commitTimer = setInterval(() => void commitProcessed().catch(fail), 1000);
  // Without traffic nothing else would notice that the cluster has gone.
  const probeTimer = setInterval(() => {
    consumer.metadata({ topics, forceUpdate: true }).then(() => failure === null && app.ok(), fail);
  }, 3000);

  try {
    const stream = await consumer.consume({
      topics,
      mode: "committed",
      fallbackMode: "earliest",
      autocommit: false,
    });
    stream.on("error", fail);
    stream.on("data", (message: StringMessage) => {
      app.ledger.append({
        type: "consumed",
        seq: sequenceOf(message.value),
        key: message.key ?? null,
        topic: message.topic,
        partition: message.partition,
        offset: Number(message.offset),
        ts: Date.now(),
        region,
      });
      toCommit.set(`${message.topic}-${message.partition}`, message);
      app.ok();
      if (pauseMs > 0) {
        stream.pause();
        setTimeout(() => stream.resume(), pauseMs);
      }
    });
    app.ok();
    app.log(`consuming ${topics.join(", ")} as ${workload.group}`);
    await failedOnce;
  } catch (error) {
    fail(error);
  } finally {
    clearInterval(commitTimer);
    clearInterval(probeTimer);
    if (!app.stopping()) {
      app.failed(failure);
      await closeForcefully(consumer);
      current = null;
    }
  }
}

keepRunning(app, runOnce);
