package com.whatsdex.tenancy.domain;

import com.whatsdex.shared.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The tenancy use cases' inputs, validated at the HTTP boundary. */
public final class Commands {

    private Commands() {}

    public record RegisterCmd(
            @NotBlank(message = "is required") @Email(message = "is not a valid email address") @Size(max = 254)
            String email,

            @NotBlank(message = "is required") @Size(min = 10, max = 200, message = "must be 10 to 200 characters")
            String password,

            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,

            @NotBlank(message = "is required") @Size(max = 120, message = "must be at most 120 characters")
            String workspaceName) {

        @Override
        public String toString() { // Spring logs request bodies at TRACE: never the password
            return "RegisterCmd[email=" + email + ", password=[redacted], name=" + name + ", workspaceName="
                    + workspaceName + "]";
        }
    }

    public record LoginCmd(
            @NotBlank(message = "is required") String email,
            @NotBlank(message = "is required") String password) {

        @Override
        public String toString() {
            return "LoginCmd[email=" + email + ", password=[redacted]]";
        }
    }

    public record UpdateWorkspaceCmd(
            @Nullable @Size(min = 1, max = 120, message = "must be 1 to 120 characters")
            String name,

            @Nullable String timeZone,

            @Nullable @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code such as NG or US")
            String defaultCountry) {}

    public record AddMemberCmd(
            @NotBlank(message = "is required") @Email(message = "is not a valid email address") @Size(max = 254)
            String email,

            @NotBlank(message = "is required") @Size(max = 100)
            String name,

            @NotNull(message = "is required") Role role,

            @NotBlank(message = "is required") @Size(min = 10, max = 200, message = "must be 10 to 200 characters")
            String password) {

        @Override
        public String toString() {
            return "AddMemberCmd[email=" + email + ", name=" + name + ", role=" + role + ", password=[redacted]]";
        }
    }

    public record ChangeRoleCmd(
            @NotNull(message = "is required") Role role) {}

    public record CreateApiKeyCmd(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name) {}
}
