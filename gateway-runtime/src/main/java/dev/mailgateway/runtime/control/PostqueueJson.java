package dev.mailgateway.runtime.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgateway.api.QueuedMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A queued message as one JSON object with the fields of Postfix's {@code postqueue -j}, so
 * that scripts written for Postfix read the gateway's queue: {@code queue_name}, {@code
 * queue_id}, {@code arrival_time} (seconds since the epoch), {@code message_size}, {@code
 * forced_expire}, {@code sender}, {@code recipients} with {@code address} and {@code
 * delay_reason}.
 */
public final class PostqueueJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PostqueueJson() {}

  /** One line of {@code postqueue -j}. */
  public static String write(QueuedMessage message) {
    ObjectNode object = JSON.createObjectNode();
    object.put("queue_name", message.state().queueName());
    object.put("queue_id", message.id());
    object.put("arrival_time", message.arrival().getEpochSecond());
    object.put("message_size", message.size());
    object.put("forced_expire", false);
    object.put("sender", message.sender());
    ArrayNode recipients = object.putArray("recipients");
    for (String address : message.recipients()) {
      ObjectNode recipient = recipients.addObject();
      recipient.put("address", address);
      message.reason().ifPresent(reason -> recipient.put("delay_reason", reason));
    }
    return object.toString();
  }

  /**
   * Reads a line of {@code postqueue -j}.
   *
   * @throws IOException when it is not one
   */
  public static QueuedMessage read(String line) throws IOException {
    JsonNode object = JSON.readTree(line);
    List<String> recipients = new ArrayList<>();
    Optional<String> reason = Optional.empty();
    for (JsonNode recipient : object.path("recipients")) {
      recipients.add(recipient.path("address").asText());
      if (recipient.has("delay_reason")) {
        reason = Optional.of(recipient.get("delay_reason").asText());
      }
    }
    return new QueuedMessage(object.path("queue_id").asText(),
        QueuedMessage.State.valueOf(object.path("queue_name").asText().toUpperCase(Locale.ROOT)),
        object.path("message_size").asLong(), Instant.ofEpochSecond(object.path("arrival_time").asLong()),
        object.path("sender").asText(), recipients, reason);
  }
}
