package io.lifeboat.console.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

import java.security.Principal;

/** Who is using the console and what they may do: viewer (read), operator (back up), admin (everything). */
@Named("user")
@RequestScoped
public class ConsoleUser {

    public String getName() {
        Principal principal = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
        return principal == null ? "" : principal.getName();
    }

    public boolean isSignedIn() {
        return !getName().isEmpty();
    }

    public boolean isViewer() {
        return in("viewer") || isOperator();
    }

    public boolean isOperator() {
        return in("operator") || isAdmin();
    }

    public boolean isAdmin() {
        return in("admin");
    }

    /** Refuses the current action unless the user is an operator (the page hides it from others). */
    public void requireOperator() {
        if (!isOperator()) {
            throw new NotAllowedException("operator");
        }
    }

    /** Refuses the current action unless the user is an admin (the page hides it from others). */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new NotAllowedException("admin");
        }
    }

    /** The initiator recorded in runs and backups. */
    public String initiator() {
        return isSignedIn() ? getName() : "console";
    }

    private static boolean in(String role) {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole(role);
    }

    /** An action the user's role does not allow; shown as the 403 page. */
    public static final class NotAllowedException extends SecurityException {
        public NotAllowedException(String role) {
            super("This needs the role '" + role + "': ask an admin for it.");
        }
    }
}
