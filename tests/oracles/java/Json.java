import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.xml.bind.JAXBElement;
import javax.xml.bind.annotation.XmlAttribute;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlElementRef;
import javax.xml.bind.annotation.XmlValue;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.ws.Holder;

/**
 * What JAX-WS decoded, as JSON for the Rust test to check: a JAXB bean (wsimport's classes) as an
 * object of its fields under their XML names (an unset field left out), a list as an array, a
 * nil element as null, bytes as base64, a date as its XML text, an enum as its XML value. Every
 * character past ASCII is escaped, so the output does not depend on the JVM's charset.
 */
final class Json {
    private Json() {}

    /** {@code value} as JSON. */
    static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    /** An object of the given keys and values, in order: {@code object("a", 1, "b", x)}. */
    static String object(Object... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            string(out, (String) keysAndValues[i]);
            out.append(':');
            write(out, keysAndValues[i + 1]);
        }
        return out.append('}').toString();
    }

    /** Text already written as JSON, kept as it is inside {@link #object}. */
    static final class Raw {
        final String json;

        Raw(String json) {
            this.json = json;
        }
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw) {
            out.append(((Raw) value).json);
        } else if (value instanceof Holder) {
            write(out, ((Holder<?>) value).value);
        } else if (value instanceof JAXBElement) {
            JAXBElement<?> element = (JAXBElement<?>) value;
            write(out, element.isNil() ? null : element.getValue());
        } else if (value instanceof String) {
            string(out, (String) value);
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof byte[]) {
            string(out, Base64.getEncoder().encodeToString((byte[]) value));
        } else if (value instanceof XMLGregorianCalendar) {
            string(out, ((XMLGregorianCalendar) value).toXMLFormat());
        } else if (value instanceof Enum) {
            string(out, enumValue((Enum<?>) value));
        } else if (value instanceof List) {
            out.append('[');
            String separator = "";
            for (Object item : (List<?>) value) {
                out.append(separator);
                write(out, item);
                separator = ",";
            }
            out.append(']');
        } else if (value instanceof Map) {
            throw new IllegalArgumentException("no JSON for a map: " + value);
        } else {
            bean(out, value);
        }
    }

    /** A JAXB bean: its fields, its superclasses' first, under their XML names. */
    private static void bean(StringBuilder out, Object value) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
            List<Field> own = new ArrayList<>();
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    own.add(field);
                }
            }
            fields.addAll(0, own);
        }
        out.append('{');
        String separator = "";
        for (Field field : fields) {
            field.setAccessible(true);
            Object fieldValue;
            try {
                fieldValue = field.get(value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (fieldValue == null) {
                continue;
            }
            out.append(separator);
            string(out, xmlName(field, fieldValue));
            out.append(':');
            write(out, fieldValue);
            separator = ",";
        }
        out.append('}');
    }

    /** The XML name of the field's value: a JAXBElement's own, else its annotation's. */
    private static String xmlName(Field field, Object value) {
        if (value instanceof JAXBElement) {
            return ((JAXBElement<?>) value).getName().getLocalPart();
        }
        XmlElementRef reference = field.getAnnotation(XmlElementRef.class);
        if (reference != null) {
            return reference.name();
        }
        XmlElement element = field.getAnnotation(XmlElement.class);
        if (element != null && !element.name().equals("##default")) {
            return element.name();
        }
        XmlAttribute attribute = field.getAnnotation(XmlAttribute.class);
        if (attribute != null && !attribute.name().equals("##default")) {
            return attribute.name();
        }
        if (field.getAnnotation(XmlValue.class) != null) {
            return "$value";
        }
        return field.getName();
    }

    /** A wsimport enum's XML value (its {@code value()}), else its name. */
    private static String enumValue(Enum<?> value) {
        try {
            return String.valueOf(value.getClass().getMethod("value").invoke(value));
        } catch (ReflectiveOperationException e) {
            return value.name();
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
