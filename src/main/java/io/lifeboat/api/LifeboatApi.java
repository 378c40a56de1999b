package io.lifeboat.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JSON API for scripts, under /api, protected by API tokens: JWTs signed with Lifeboat's own key and
 * registered in the catalog, checked by {@link io.lifeboat.security.boundary.LifeboatAuthentication}.
 */
@ApplicationPath("api")
@ApplicationScoped
@DeclareRoles({"viewer", "operator", "admin"})
public class LifeboatApi extends Application {
}
