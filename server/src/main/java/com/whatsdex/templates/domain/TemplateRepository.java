package com.whatsdex.templates.domain;

import com.whatsdex.shared.ParseCache;
import com.whatsdex.templates.MessageBody;
import com.whatsdex.templates.TemplateView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Template rows, under the workspace's row-level security. */
@Repository
class TemplateRepository {

    private static final String COLUMNS = """
            id, name, category, body, media_kind, media_url, meta_name, meta_language, meta_parameters::text as
            meta_parameters, created_at, updated_at""";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A campaign reads its template per batch: the Meta parameters parsed once per text. */
    private static final ParseCache<List<String>> PARAMETERS = new ParseCache<>(1_000);

    /** What is stored of a template. */
    record Fields(
            String name,
            TemplateView.Category category,
            String body,
            TemplateView.@Nullable Media media,
            TemplateView.@Nullable Meta meta) {}

    private final JdbcClient jdbc;

    TemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, Fields f) {
        jdbc.sql("""
                insert into templates (tenant_id, id, name, category, body, media_kind, media_url, meta_name,
                    meta_language, meta_parameters)
                values (current_tenant_id(), :id, :name, :category, :body, :mediaKind, :mediaUrl, :metaName,
                    :metaLanguage, cast(:metaParameters as jsonb))
                """).paramSource(params(f).addValue("id", id)).update();
    }

    boolean update(UUID id, Fields f) {
        return jdbc.sql("""
                        update templates set name = :name, category = :category, body = :body,
                            media_kind = :mediaKind, media_url = :mediaUrl, meta_name = :metaName,
                            meta_language = :metaLanguage, meta_parameters = cast(:metaParameters as jsonb),
                            updated_at = now()
                        where id = :id
                        """).paramSource(params(f).addValue("id", id)).update() == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from templates where id = :id").param("id", id).update() == 1;
    }

    Optional<TemplateView> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from templates where id = :id")
                .param("id", id)
                .query(TemplateRepository::map)
                .optional();
    }

    boolean nameTaken(String name, @Nullable UUID except) {
        return jdbc.sql("select exists (select 1 from templates where lower(name) = lower(:name) and id <> :except)")
                .param("name", name)
                .param("except", except == null ? new UUID(0, 0) : except)
                .query(Boolean.class)
                .single();
    }

    /** Newest first, keyset on id (UUIDv7: id order is creation order). */
    List<TemplateView> list(
            @Nullable String search, TemplateView.@Nullable Category category, @Nullable UUID before, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from templates where true");
        List<Object> args = new ArrayList<>();
        if (search != null) {
            sql.append(" and (strpos(lower(name), lower(?)) > 0 or strpos(lower(body), lower(?)) > 0)");
            args.add(search);
            args.add(search);
        }
        if (category != null) {
            sql.append(" and category = ?");
            args.add(category.name());
        }
        if (before != null) {
            sql.append(" and id < ?");
            args.add(before);
        }
        sql.append(" order by id desc limit ?");
        args.add(limit);
        return jdbc.sql(sql.toString())
                .params(args)
                .query(TemplateRepository::map)
                .list();
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(Fields f) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("name", f.name())
                .addValue("category", f.category().name())
                .addValue("body", f.body())
                .addValue("mediaKind", f.media() == null ? null : f.media().kind())
                .addValue("mediaUrl", f.media() == null ? null : f.media().url())
                .addValue("metaName", f.meta() == null ? null : f.meta().name())
                .addValue("metaLanguage", f.meta() == null ? null : f.meta().language())
                .addValue(
                        "metaParameters",
                        JSON.writeValueAsString(
                                f.meta() == null ? List.of() : f.meta().parameters()));
    }

    private static TemplateView map(ResultSet rs, int row) throws SQLException {
        String body = rs.getString("body");
        String mediaKind = rs.getString("media_kind");
        String metaName = rs.getString("meta_name");
        List<String> parameters =
                PARAMETERS.get(rs.getString("meta_parameters"), text -> List.of(JSON.readValue(text, String[].class)));
        return new TemplateView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                TemplateView.Category.valueOf(rs.getString("category")),
                body,
                mediaKind == null ? null : new TemplateView.Media(mediaKind, rs.getString("media_url")),
                metaName == null ? null : new TemplateView.Meta(metaName, rs.getString("meta_language"), parameters),
                List.copyOf(MessageBody.parse(body, "body").variables()),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
