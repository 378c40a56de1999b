package io.lifeboat.console.boundary;

import io.lifeboat.security.control.Tokens;
import io.lifeboat.security.control.Users;
import io.lifeboat.security.entity.User;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** Console users (admins): create with a role, change the role, disable and enable. */
@Named
@ViewScoped
public class UsersView implements Serializable {

    @Inject
    transient Users users;
    @Inject
    ConsoleUser user;
    @Inject
    Texts texts;
    @Inject
    ConsoleAudit audit;

    private String name;
    private String password;
    private Tokens.Role role = Tokens.Role.VIEWER;

    public List<User> getUsers() {
        return users.list();
    }

    public void create() {
        user.requireAdmin();
        try {
            users.create(name, password == null ? new char[0] : password.toCharArray(), role, null);
            audit.success("user.create", name, "console: " + role);
            texts.info("users.created", name);
            name = null;
        } catch (RuntimeException e) {
            texts.error("users:name", e.getMessage());
        } finally {
            password = null;
        }
    }

    public void changeRole(String who, Tokens.Role newRole) {
        user.requireAdmin();
        try {
            users.changeRole(who, newRole);
            audit.success("user.role", who, "console: " + newRole);
            texts.info("users.changed", who);
        } catch (RuntimeException e) {
            texts.error(null, e.getMessage());
        }
    }

    public void toggle(User who) {
        user.requireAdmin();
        try {
            if (who.enabled()) {
                users.disable(who.name());
                audit.success("user.disable", who.name(), "console");
            } else {
                users.enable(who.name());
                audit.success("user.enable", who.name(), "console");
            }
            texts.info("users.changed", who.name());
        } catch (RuntimeException e) {
            texts.error(null, e.getMessage());
        }
    }

    public List<Tokens.Role> getRoles() {
        return List.of(Tokens.Role.values());
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public Tokens.Role getRole() { return role; }
    public void setRole(Tokens.Role role) { this.role = role; }
}
