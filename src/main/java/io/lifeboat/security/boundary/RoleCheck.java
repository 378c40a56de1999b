package io.lifeboat.security.boundary;

import io.lifeboat.api.Problem;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Enforces {@code @RolesAllowed} on API resources: no caller is 401, a caller without the role 403.
 * A resource method without any annotation still needs a caller; only {@code @PermitAll} is open.
 */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method.isAnnotationPresent(DenyAll.class)) {
            register(context, new Filter(new String[0], true));
        } else if (method.isAnnotationPresent(RolesAllowed.class)) {
            register(context, new Filter(method.getAnnotation(RolesAllowed.class).value(), false));
        } else if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        } else if (type.isAnnotationPresent(RolesAllowed.class)) {
            register(context, new Filter(type.getAnnotation(RolesAllowed.class).value(), false));
        } else if (!type.isAnnotationPresent(PermitAll.class)) {
            register(context, new Filter(new String[0], false));
        }
    }

    /** Before any other role check the server may add, so that callers get Lifeboat's answers. */
    private static void register(FeatureContext context, Filter filter) {
        context.register(filter, Priorities.AUTHENTICATION);
    }

    static final class Filter implements ContainerRequestFilter {

        private final String[] roles;
        private final boolean denyAll;

        Filter(String[] roles, boolean denyAll) {
            this.roles = roles;
            this.denyAll = denyAll;
        }

        @Override
        public void filter(ContainerRequestContext context) {
            var security = context.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                Object refused = context.getProperty(LifeboatAuthentication.TOKEN_REFUSED);
                throw new Problem(Response.Status.UNAUTHORIZED, "Not authenticated", refused != null
                        ? refused.toString()
                        : "Send an API token: Authorization: Bearer <token>. An admin creates tokens in the console "
                        + "or with POST /api/tokens.");
            }
            if (denyAll || (roles.length > 0 && Arrays.stream(roles).noneMatch(security::isUserInRole))) {
                throw new Problem(Response.Status.FORBIDDEN, "Not allowed", denyAll ? "Nobody may make this call."
                        : "This call needs the role " + String.join(" or ", roles)
                        + "; ask an admin for a token with that role.");
            }
        }
    }
}
