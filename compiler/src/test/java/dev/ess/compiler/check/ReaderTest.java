package dev.ess.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.TypeName;
import dev.ess.runtime.Event;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every accessor generated code may call exists on the runtime's {@code Event}, with the type the checker assumes. */
class ReaderTest {

    @Test
    void everyReaderIsAnEventAccessor() throws ReflectiveOperationException {
        for (Reader reader : Reader.values()) {
            Method optional = Event.class.getMethod(reader.accessor(false), String.class);
            assertEquals(reader.javaType().toString(), optional.getReturnType().getName(), reader.name());
            Method required = Event.class.getMethod(reader.accessor(true), String.class);
            TypeName type = reader.javaType();
            assertEquals((type.isBoxedPrimitive() ? type.unbox() : type).toString(), required.getReturnType().getName(),
                    reader.name());
            Method array = Event.class.getMethod(reader.arrayAccessor(), String.class, int.class, int.class);
            assertEquals(List.class, array.getReturnType(), reader.name());
        }
        assertEquals(List.class, Event.class.getMethod(Reader.ITEMS, String.class, int.class, int.class).getReturnType());
    }
}
