package com.whatsdex.contacts.importing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which column of a file fills which contact field. Headers are matched against exact aliases, compared without
 * case, accents or repeated spaces, never as substrings ("Hotel" is not "Tel"). Aliases cover Google Contacts
 * (both export formats), Outlook, and generic names in English, Spanish, Portuguese, French and German.
 *
 * @param index the column's position, from 0
 * @param header the column's header as in the file
 * @param target what it fills in
 * @param attributeKey the custom attribute's key when {@code target} is {@code attribute}
 */
public record ColumnMapping(
        int index,
        String header,
        ColumnTarget target,
        @Nullable String attributeKey) {

    private static final Map<String, ColumnTarget> ALIASES = new HashMap<>();
    /** Google's "Phone 1 - Type", "E-mail 2 - Label" …: the kind of the value next to it, not data of its own. */
    private static final Pattern GOOGLE_TYPE_COLUMN = Pattern.compile(".+ \\d+ - (type|label)");

    private static final Pattern NON_KEY = Pattern.compile("[^a-z0-9]+");

    static {
        alias(
                ColumnTarget.name,
                "name",
                "full name",
                "fullname",
                "display name",
                "contact name",
                "contact",
                "nombre",
                "nombre completo",
                "nome",
                "nome completo",
                "nom",
                "nom complet",
                "vollständiger name",
                "naam");
        alias(
                ColumnTarget.first_name,
                "first name",
                "firstname",
                "first",
                "given name",
                "forename",
                "nombre de pila",
                "primer nombre",
                "primeiro nome",
                "prénom",
                "vorname");
        alias(ColumnTarget.middle_name, "middle name", "additional name", "segundo nombre", "nome do meio");
        alias(
                ColumnTarget.last_name,
                "last name",
                "lastname",
                "last",
                "surname",
                "family name",
                "apellido",
                "apellidos",
                "sobrenome",
                "apelido",
                "nom de famille",
                "nachname",
                "familienname");
        alias(
                ColumnTarget.phone,
                "phone",
                "phone number",
                "phonenumber",
                "phone 1 - value",
                "phone 2 - value",
                "phone 3 - value",
                "mobile",
                "mobile phone",
                "mobile number",
                "mobile phone number",
                "cell",
                "cell phone",
                "cellphone",
                "primary phone",
                "business phone",
                "business phone 2",
                "home phone",
                "home phone 2",
                "other phone",
                "whatsapp",
                "whatsapp number",
                "whatsapp phone",
                "telephone",
                "telephone number",
                "tel",
                "msisdn",
                "teléfono",
                "telefono",
                "teléfono móvil",
                "móvil",
                "movil",
                "celular",
                "telefone",
                "número",
                "numero",
                "téléphone",
                "portable",
                "téléphone mobile",
                "telefon",
                "handy",
                "mobiltelefon",
                "handynummer");
        alias(
                ColumnTarget.email,
                "email",
                "e-mail",
                "email address",
                "e-mail address",
                "e-mail 1 - value",
                "email 1 - value",
                "e-mail 2 - value",
                "mail",
                "correo",
                "correo electrónico",
                "correo electronico",
                "courriel",
                "adresse e-mail",
                "e-mail-adresse");
        alias(
                ColumnTarget.tags,
                "tags",
                "tag",
                "labels",
                "label",
                "categories",
                "group membership",
                "groups",
                "etiquetas",
                "etiqueta",
                "étiquettes",
                "marqueurs",
                "schlagwörter");
    }

    private static void alias(ColumnTarget target, String... names) {
        for (String n : names) {
            ALIASES.put(normalise(n), target);
        }
    }

    /** Lower case, accents removed, runs of spaces, underscores and dots collapsed to one space. */
    static String normalise(String header) {
        String s = Normalizer.normalize(header.strip(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        return s.replaceAll("[\\s_.]+", " ").strip();
    }

    /** The custom attribute key for a header: lower case letters, digits and underscores, at most 64. */
    static String attributeKey(String header, int index) {
        String key = NON_KEY.matcher(Normalizer.normalize(header, Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "")
                        .toLowerCase(Locale.ROOT))
                .replaceAll("_")
                .replaceAll("^_+|_+$", "");
        if (key.isEmpty()) {
            key = "column_" + (index + 1);
        }
        return key.length() > 64 ? key.substring(0, 64) : key;
    }

    private static final Pattern WHATSAPP = Pattern.compile(".*whats ?app.*");
    private static final Pattern MOBILE =
            Pattern.compile(".*\\b(mobile|cell|cellphone|celular|movil|handy|portable|msisdn)\\b.*");

    /**
     * Which phone column is tried first: a WhatsApp column, then mobile ones, then the rest in file order (a
     * landline in "Home Phone" cannot receive WhatsApp messages when a mobile is also given).
     */
    int phonePriority() {
        String norm = normalise(header);
        return WHATSAPP.matcher(norm).matches() ? 0 : MOBILE.matcher(norm).matches() ? 1 : 2;
    }

    /** The mapping proposed for a header row. */
    static List<ColumnMapping> propose(List<String> headers) {
        List<ColumnMapping> mapping = new ArrayList<>(headers.size());
        boolean hasName = false;
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            String norm = normalise(header);
            ColumnTarget target = ALIASES.get(norm);
            if (target == null) {
                target = norm.isEmpty() || GOOGLE_TYPE_COLUMN.matcher(norm).matches()
                        ? ColumnTarget.ignore
                        : ColumnTarget.attribute;
            }
            if (target == ColumnTarget.name) {
                if (hasName) {
                    target = ColumnTarget.attribute; // a second "name" column is data of its own
                }
                hasName = true;
            }
            mapping.add(of(i, header, target));
        }
        return mapping;
    }

    /**
     * The user's choices for a header row: columns the file lacks are dropped; an attribute's key comes from the
     * choice, else from the header.
     */
    static List<ColumnMapping> chosen(List<MappingCmd> choices, List<String> headers) {
        List<ColumnMapping> mapping = new ArrayList<>();
        for (MappingCmd m : choices) {
            if (m.index() < 0 || m.index() >= headers.size()) {
                continue;
            }
            String header = headers.get(m.index());
            String keySource = m.attributeKey() == null || m.attributeKey().isBlank() ? header : m.attributeKey();
            mapping.add(new ColumnMapping(
                    m.index(),
                    header,
                    m.target(),
                    m.target() == ColumnTarget.attribute ? attributeKey(keySource, m.index()) : null));
        }
        return mapping;
    }

    static ColumnMapping of(int index, String header, ColumnTarget target) {
        return new ColumnMapping(
                index, header, target, target == ColumnTarget.attribute ? attributeKey(header, index) : null);
    }
}
