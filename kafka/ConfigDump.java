import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Writes every configuration name and default value of Kafka's components as JSON, for
 * `ccaak-train validate --facts`. Run against the Kafka jars: `java -cp 'libs/*' ConfigDump.java OUT`.
 *
 * Output: {"kafkaVersion": "4.1.2", "components": {"broker": {"name": "default" | null, ...}, ...}}.
 * A default is printed the way ConfigDef prints it (lists comma-separated, classes by name); null
 * means the setting has no default (required, or null).
 */
public class ConfigDump {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) throw new IllegalArgumentException("usage: ConfigDump OUTPUT.json");
    Map<String, Map<String, String>> components = new TreeMap<>();

    Map<String, String> broker = names(def("kafka.server.KafkaConfig", "configDef"));
    // StandardAuthorizer reads these from the broker's properties; they are not in a ConfigDef.
    String authorizer = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    broker.put(constant(authorizer, "SUPER_USERS_CONFIG"), null);
    broker.put(constant(authorizer, "ALLOW_EVERYONE_IF_NO_ACL_IS_FOUND_CONFIG"), "false");
    // Dynamic broker-level throttles (`leader.replication.throttled.rate`), set with kafka-configs.
    broker.putAll(names(def("org.apache.kafka.server.config.QuotaConfig", "brokerQuotaConfigs")));
    components.put("broker", broker);
    components.put("topic", names(def("org.apache.kafka.storage.internals.log.LogConfig", "configDefCopy")));
    components.put("producer", names(def("org.apache.kafka.clients.producer.ProducerConfig", "configDef")));
    components.put("consumer", names(def("org.apache.kafka.clients.consumer.ConsumerConfig", "configDef")));
    components.put("admin", names(def("org.apache.kafka.clients.admin.AdminClientConfig", "configDef")));

    Map<String, String> connect = new TreeMap<>();
    String runtime = "org.apache.kafka.connect.runtime.";
    Class<?> crypto = Class.forName(runtime + "distributed.Crypto");
    Class<?> distributedConfig = Class.forName(runtime + "distributed.DistributedConfig");
    Method distributed = distributedConfig.getDeclaredMethod("config", crypto);
    distributed.setAccessible(true);
    connect.putAll(names((ConfigDef) distributed.invoke(null, crypto.getField("SYSTEM").get(null))));
    connect.putAll(names(field(runtime + "standalone.StandaloneConfig", "CONFIG")));
    for (String connector : List.of("ConnectorConfig", "SinkConnectorConfig", "SourceConnectorConfig")) {
      connect.putAll(names(def(runtime + connector, "configDef")));
    }
    // The JSON converter is part of Kafka; its settings are written with a converter prefix or alone.
    connect.putAll(names(def("org.apache.kafka.connect.json.JsonConverterConfig", "configDef")));
    components.put("connect", connect);

    Map<String, String> mirror = new TreeMap<>();
    String mm2 = "org.apache.kafka.connect.mirror.";
    mirror.putAll(names(def(mm2 + "MirrorMakerConfig", "config")));
    mirror.putAll(names(field(mm2 + "MirrorClientConfig", "CONFIG_DEF")));
    mirror.putAll(names(field(mm2 + "MirrorConnectorConfig", "BASE_CONNECTOR_CONFIG_DEF")));
    for (String connector : List.of("MirrorSource", "MirrorCheckpoint", "MirrorHeartbeat")) {
      mirror.putAll(names(field(mm2 + connector + "Config", "CONNECTOR_CONFIG_DEF")));
    }
    // mm2.properties also takes every Connect worker and connector setting.
    connect.forEach(mirror::putIfAbsent);
    components.put("mirrormaker", mirror);

    StringBuilder json = new StringBuilder();
    json.append("{\"kafkaVersion\":").append(quote(org.apache.kafka.common.utils.AppInfoParser.getVersion()));
    json.append(",\"components\":{");
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> component : components.entrySet()) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<String, String> e : component.getValue().entrySet()) {
        entries.add("\n" + quote(e.getKey()) + ":" + (e.getValue() == null ? "null" : quote(e.getValue())));
      }
      parts.add(quote(component.getKey()) + ":{" + String.join(",", entries) + "}");
    }
    json.append(String.join(",", parts)).append("}}\n");
    Files.writeString(Path.of(args[0]), json, StandardCharsets.UTF_8);
  }

  /** Name to default, as ConfigDef prints defaults in the documentation. */
  static Map<String, String> names(ConfigDef def) {
    Map<String, String> out = new TreeMap<>();
    for (ConfigDef.ConfigKey key : def.configKeys().values()) {
      boolean none = !key.hasDefault() || key.defaultValue == null;
      out.put(key.name, none ? null : print(key.defaultValue, key.type));
    }
    return out;
  }

  /** Lists comma-separated without spaces, classes by their name, everything else as ConfigDef prints it. */
  static String print(Object value, ConfigDef.Type type) {
    if (value instanceof Class<?> c) return c.getName();
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) items.add(item instanceof Class<?> c ? c.getName() : String.valueOf(item));
      return String.join(",", items);
    }
    return ConfigDef.convertToString(value, type);
  }

  /** A static method returning a ConfigDef; may be non-public. */
  static ConfigDef def(String className, String method) throws ReflectiveOperationException {
    Method m = Class.forName(className).getDeclaredMethod(method);
    m.setAccessible(true);
    return (ConfigDef) m.invoke(null);
  }

  /** A static ConfigDef field; may be non-public. */
  static ConfigDef field(String className, String name) throws ReflectiveOperationException {
    Field f = Class.forName(className).getDeclaredField(name);
    f.setAccessible(true);
    return (ConfigDef) f.get(null);
  }

  static String constant(String className, String name) throws ReflectiveOperationException {
    return (String) Class.forName(className).getField(name).get(null);
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
