package com.whatsdex.tenancy.domain;

import com.whatsdex.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users (platform identities) and their membership in the current workspace. */
@Repository
class UserRepository {

    record Credentials(UUID userId, String passwordHash) {}

    record Membership(UUID tenantId, UUID userId, String email, String name, Role role, Instant createdAt) {}

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean emailTaken(String email) {
        return jdbc.sql("select exists (select 1 from users where lower(email) = lower(:email))")
                .param("email", email)
                .query(Boolean.class)
                .single();
    }

    void insertUser(UUID id, String email, String passwordHash, String name) {
        jdbc.sql("insert into users (id, email, password_hash, name) values (:id, :email, :hash, :name)")
                .param("id", id)
                .param("email", email)
                .param("hash", passwordHash)
                .param("name", name)
                .update();
    }

    Optional<Credentials> credentials(String email) {
        return jdbc.sql("select id, password_hash from users where lower(email) = lower(:email)")
                .param("email", email)
                .query((rs, n) -> new Credentials(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional();
    }

    void updatePasswordHash(UUID userId, String hash) {
        jdbc.sql("update users set password_hash = :hash where id = :id")
                .param("id", userId)
                .param("hash", hash)
                .update();
    }

    void deleteUser(UUID userId) {
        jdbc.sql("delete from users where id = :id").param("id", userId).update();
    }

    void insertMember(UUID tenantId, UUID userId, Role role) {
        jdbc.sql("insert into members (tenant_id, user_id, role) values (:tenant, :user, :role)")
                .param("tenant", tenantId)
                .param("user", userId)
                .param("role", role.name())
                .update();
    }

    /** The signed-in user's own membership (the policy lets a user read it before the workspace is set). */
    Optional<Membership> ownMembership(UUID userId) {
        return jdbc.sql(MEMBER_SELECT + " where m.user_id = :user")
                .param("user", userId)
                .query(UserRepository::membership)
                .optional();
    }

    Optional<Membership> member(UUID userId) {
        return jdbc.sql(MEMBER_SELECT + " where m.user_id = :user and m.tenant_id = current_tenant_id()")
                .param("user", userId)
                .query(UserRepository::membership)
                .optional();
    }

    List<Membership> members(@Nullable UUID after, int limit) {
        return jdbc.sql(MEMBER_SELECT + """
                 where m.tenant_id = current_tenant_id() and (cast(:after as uuid) is null or m.user_id > :after)
                 order by m.user_id limit :limit
                """)
                .param("after", after)
                .param("limit", limit)
                .query(UserRepository::membership)
                .list();
    }

    int countOwners() {
        return jdbc.sql("select count(*) from members where tenant_id = current_tenant_id() and role = 'owner'")
                .query(Integer.class)
                .single();
    }

    boolean updateRole(UUID userId, Role role) {
        return jdbc.sql("update members set role = :role where user_id = :user")
                        .param("user", userId)
                        .param("role", role.name())
                        .update()
                == 1;
    }

    boolean deleteMember(UUID userId) {
        return jdbc.sql("delete from members where user_id = :user")
                        .param("user", userId)
                        .update()
                == 1;
    }

    private static final String MEMBER_SELECT = """
            select m.tenant_id, m.user_id, u.email, u.name, m.role, m.created_at
            from members m join users u on u.id = m.user_id
            """;

    private static Membership membership(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Membership(
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant());
    }
}
