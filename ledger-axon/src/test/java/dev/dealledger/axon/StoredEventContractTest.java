package dev.dealledger.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.event.LedgerEvent;
import dev.dealledger.api.event.upcast.LedgerUpcasters;
import dev.dealledger.axon.GoldenEvents.GoldenEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored event contract (docs/domain.md, "Audit and tamper evidence": stored facts are never rewritten, so a
 * golden-JSON test per event revision proves that old stored events still load). Each golden file holds the JSON exactly as the event store holds it; the files are never regenerated.
 */
class StoredEventContractTest {

    private static final String EVENT_PACKAGE = "dev/dealledger/api/event/";

    private final Serializer serializer = EventSerialization.serializer();
    private final ObjectMapper mapper = EventSerialization.objectMapper();

    static Stream<GoldenEvent> goldenEvents() {
        return GoldenEvents.ALL.stream();
    }

    /** The golden events of each class's current revision: the ones today's code must still write byte for byte. */
    static Stream<GoldenEvent> currentRevisions() {
        return GoldenEvents.ALL.stream().filter(g -> g.revision().equals(revisionOf(g.type())));
    }

    private static String revisionOf(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    private static byte[] golden(GoldenEvent g) {
        try (InputStream in = StoredEventContractTest.class.getClassLoader().getResourceAsStream(g.resource())) {
            assertThat(in).as("golden file %s", g.resource()).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    @DisplayName("the stored JSON of every event revision loads as the expected event")
    void goldenJsonLoads(GoldenEvent g) {
        // As the event store reads it: the stored row goes through the upcaster chain, then the serializer.
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>(
                "AgreementOrDeal",
                "golden-aggregate",
                0,
                "golden-" + g,
                Instant.parse("2026-01-01T00:00:00Z"),
                g.type().getName(),
                g.revision(),
                golden(g),
                "{}".getBytes(StandardCharsets.UTF_8));
        IntermediateEventRepresentation upcast = LedgerUpcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(row, serializer)))
                .findFirst()
                .orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo(revisionOf(g.type()));

        Object loaded = serializer.deserialize(upcast.getData());

        assertThat(loaded).isInstanceOf(g.type()).isEqualTo(g.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentRevisions")
    @DisplayName("the stored JSON of a current revision also loads when the event store hands it over as text")
    void goldenJsonLoadsFromText(GoldenEvent g) {
        SimpleSerializedObject<String> stored = new SimpleSerializedObject<>(
                new String(golden(g), StandardCharsets.UTF_8),
                String.class,
                new SimpleSerializedType(g.type().getName(), g.revision()));

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(g.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentRevisions")
    @DisplayName(
            "today's serializer writes the golden JSON of the current revision: no field renamed, added or dropped")
    void serializingTodayGivesTheGoldenJson(GoldenEvent g) throws IOException {
        SerializedObject<byte[]> written = serializer.serialize(g.expected(), byte[].class);

        assertThat(written.getType().getName()).isEqualTo(g.type().getName());
        assertThat(written.getType().getRevision()).isEqualTo(g.revision());
        JsonNode expected = mapper.readTree(golden(g));
        JsonNode actual = mapper.readTree(written.getData());
        // Compared as trees: field order and whitespace are not part of the contract, names, types and values are.
        assertThat((Object) actual)
                .as("written %s, golden %s", actual, expected)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    @DisplayName("amounts are stored as JSON strings, and no value is stored as a JSON number")
    void amountsAreStrings(GoldenEvent g) throws IOException {
        JsonNode stored = mapper.readTree(golden(g));

        for (RecordComponent component : g.type().getRecordComponents()) {
            if (component.getType() == BigDecimal.class) {
                JsonNode amount = stored.get(component.getName());
                assertThat(amount != null && amount.isTextual())
                        .as("%s.%s is a JSON string in %s", g.type().getSimpleName(), component.getName(), stored)
                        .isTrue();
            }
        }
        List<String> numbers = new ArrayList<>();
        stored.fields().forEachRemaining(field -> {
            if (field.getValue().isNumber()) {
                numbers.add(field.getKey());
            }
        });
        assertThat(numbers).as("fields stored as JSON numbers").isEmpty();
    }

    @Test
    @DisplayName("the golden cases cover every event class of the api event package at its current revision")
    void everyEventClassHasARevisionAndAGoldenFile() {
        Set<String> scanned =
                eventClassesInThePackage().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        // The scan must see the contract, or this test would pass on an empty package.
        assertThat(scanned).contains("dev.dealledger.api.event.CommitmentRecordedEvent");

        Set<String> covered = GoldenEvents.ALL.stream()
                .filter(g -> g.revision().equals(revisionOf(g.type())))
                .map(g -> g.type().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered)
                .as("event classes with a golden file of their current revision")
                .isEqualTo(scanned);

        for (Class<?> type : eventClassesInThePackage()) {
            assertThat(revisionOf(type))
                    .as("@Revision on %s", type.getSimpleName())
                    .isNotBlank();
            String resource = "golden/" + type.getSimpleName() + "-r" + revisionOf(type) + ".json";
            assertThat(getClass().getClassLoader().getResource(resource))
                    .as("golden file %s", resource)
                    .isNotNull();
        }
    }

    @Test
    @DisplayName("every golden file belongs to a golden case, so none is left unchecked")
    void noOrphanGoldenFiles() throws IOException, URISyntaxException {
        URL folder = getClass().getClassLoader().getResource("golden");
        assertThat(folder).isNotNull();
        Set<String> files;
        try (Stream<Path> listing = Files.list(Path.of(folder.toURI()))) {
            files = listing.map(p -> "golden/" + p.getFileName()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> cases =
                GoldenEvents.ALL.stream().map(GoldenEvent::resource).collect(Collectors.toCollection(TreeSet::new));

        assertThat(files).isEqualTo(cases);
    }

    /**
     * Every concrete class under {@code dev.dealledger.api.event} that implements {@link LedgerEvent}, found by listing
     * ledger-api's compiled classes: {@code target/classes} inside the reactor, the jar elsewhere.
     */
    private static List<Class<?>> eventClassesInThePackage() {
        List<String> classNames = new ArrayList<>();
        try {
            Path location = Path.of(LedgerEvent.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location.resolve(EVENT_PACKAGE))) {
                    walk.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> location.relativize(p).toString().replace('\\', '/'))
                            .forEach(classNames::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String name = entries.nextElement().getName();
                        if (name.startsWith(EVENT_PACKAGE) && name.endsWith(".class")) {
                            classNames.add(name);
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the classes of ledger-api", e);
        }
        List<Class<?>> events = new ArrayList<>();
        for (String file : classNames) {
            String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
            try {
                Class<?> type = Class.forName(name, false, LedgerEvent.class.getClassLoader());
                if (LedgerEvent.class.isAssignableFrom(type)
                        && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers())) {
                    events.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("listed but not loadable: " + name, e);
            }
        }
        return events;
    }
}
