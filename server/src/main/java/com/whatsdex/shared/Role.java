package com.whatsdex.shared;

/** A member's role in a workspace. Constants are lower case because they are the wire format. */
public enum Role {
    owner,
    admin,
    agent;

    public boolean canManageWorkspace() {
        return this == owner || this == admin;
    }
}
