package org.pmargin.engine.book;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.market.FlatSmile;
import org.pmargin.core.market.Smile;
import org.pmargin.core.market.StrikeSmile;
import org.pmargin.core.market.SviSmile;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The file format of an {@link EngineState}: gzip-compressed JSON of the state's records, field by field (the
 * records of core and engine as they are: market snapshot, instruments with a {@code kind}, smiles with a {@code
 * kind}, healths), with {@code "format": }{@value #FORMAT} first. Numbers are written as Jackson writes a double
 * (the shortest text that reads back to the same bits) and read back exactly, so an imported state is bit for bit
 * the exported one. A different format version, or bytes that are not a complete state, are refused with {@link
 * UnreadableStateException}: the reader then falls back to something older (an earlier snapshot, the full log).
 * Format 2 added the registered venues and each account's accepted attestations (issue 19); a format-1 state is
 * refused like any other version, so a store whose snapshots are all older is recovered from its whole log.
 *
 * <p>Thread-safe.
 */
public final class EngineStateCodec {

  /** The format version this code writes and reads. */
  public static final int FORMAT = 2;

  /** A state that cannot be read: corrupt, truncated, or of another format version. */
  public static final class UnreadableStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableStateException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({@JsonSubTypes.Type(value = Spot.class, name = "spot"),
      @JsonSubTypes.Type(value = Perpetual.class, name = "perpetual"),
      @JsonSubTypes.Type(value = DatedFuture.class, name = "future"),
      @JsonSubTypes.Type(value = EuropeanOption.class, name = "option")})
  private interface InstrumentKinds {
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({@JsonSubTypes.Type(value = FlatSmile.class, name = "flat"),
      @JsonSubTypes.Type(value = SviSmile.class, name = "svi"),
      @JsonSubTypes.Type(value = StrikeSmile.class, name = "strikes")})
  private interface SmileKinds {
  }

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
          .withVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
          .withVisibility(PropertyAccessor.SETTER, JsonAutoDetect.Visibility.NONE)
          .withVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY))
      .addMixIn(Instrument.class, InstrumentKinds.class)
      .addMixIn(Smile.class, SmileKinds.class)
      .addModule(new SimpleModule("pmargin-assets")
          .addSerializer(Asset.class, new ValueSerializer<Asset>() {
            @Override
            public void serialize(Asset a, JsonGenerator g, SerializationContext c) {
              g.writeString(a.code());
            }
          })
          .addDeserializer(Asset.class, new ValueDeserializer<Asset>() {
            @Override
            public Asset deserialize(JsonParser p, DeserializationContext c) {
              return Asset.of(p.getString());
            }
          })
          .addKeyDeserializer(Asset.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext c) {
              return Asset.of(key);
            }
          }))
      .build();

  private EngineStateCodec() {
  }

  /** The state as gzip-compressed JSON. */
  public static byte[] write(EngineState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
      MAPPER.writeValue(out, state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The state as (uncompressed) JSON text, the same as {@link #write} compresses: for tests and inspection. */
  public static String json(EngineState state) {
    return MAPPER.writeValueAsString(state);
  }

  /**
   * Reads a state written by {@link #write}.
   *
   * @param data  the bytes
   * @return the state
   * @throws UnreadableStateException when they are not a complete state of this format version
   */
  public static EngineState read(byte[] data) {
    JsonNode tree;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 1 << 16)) {
      tree = MAPPER.readTree(in);
    } catch (IOException | JacksonException e) {
      throw new UnreadableStateException("the engine state is not readable: " + e.getMessage(), e);
    }
    JsonNode format = tree == null ? null : tree.get("format");
    if (format == null || !format.isInt()) {
      throw new UnreadableStateException("the engine state has no format version", null);
    }
    if (format.intValue() != FORMAT) {
      throw new UnreadableStateException("the engine state is of format " + format.intValue() + "; this version "
          + "reads format " + FORMAT, null);
    }
    try {
      return MAPPER.treeToValue(tree, EngineState.class);
    } catch (RuntimeException e) {
      throw new UnreadableStateException("the engine state is not readable: " + e.getMessage(), e);
    }
  }
}
