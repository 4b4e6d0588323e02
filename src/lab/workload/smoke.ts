/**
 * A smoke-test consumer somebody left running: a member of the workload's group on one region that
 * reads a topic of its own, so it processes no orders. While it is a member, the group is not empty
 * there, and MirrorMaker 2 does not sync the group's offsets into it.
 */
import { Consumer, stringDeserializers } from "@platformatic/kafka";
import { closeForcefully, keepRunning, startApp } from "./app.js";
import { readJson } from "../attempt/json-file.js";
import { appConfigFile, type AppConfig } from "./files.js";

const smoke = readJson<AppConfig>(appConfigFile(process.argv[2] ?? ""))?.workload.smoke;
if (!smoke) throw new Error("this lab has no smoke consumer");
const app = startApp("smoke", undefined, smoke.region);
const { group } = app.config.workload;
let current: Consumer<string, string, string, string> | null = null;

app.onStop(async () => {
  if (current) await closeForcefully(current);
});

async function runOnce(): Promise<void> {
  const consumer: Consumer<string, string, string, string> = new Consumer({
    clientId: "smoke-test",
    groupId: group,
    bootstrapBrokers: app.dns.bootstrap.split(","),
    deserializers: stringDeserializers,
    autocommit: false,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    maxWaitTime: 500,
    timeout: 5000,
    retries: 3,
    retryDelay: 500,
  });
  current = consumer;
  try {
    const stream = await consumer.consume({ topics: [smoke!.topic], mode: "latest", autocommit: false });
    app.ok();
    app.log(`member of ${group} on region ${app.dns.region}, reading ${smoke!.topic}`);
    await new Promise<void>((_, reject) => {
      stream.on("error", reject);
      consumer.on("consumer:heartbeat:error", (payload: { error: Error }) => reject(payload.error));
    });
  } catch (error) {
    if (!app.stopping()) {
      app.failed(error);
      await closeForcefully(consumer);
      current = null;
    }
  }
}

keepRunning(app, runOnce);
