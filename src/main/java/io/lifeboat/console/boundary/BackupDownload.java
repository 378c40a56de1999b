package io.lifeboat.console.boundary;

import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.destinations.control.Destinations;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a backup's dump artifact as stored (compressed, encrypted if it was), for admins:
 * {@code /admin/download?backup=<id>}. The SHA-256 is sent along so the file can be checked.
 */
@WebServlet("/admin/download")
@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
public class BackupDownload extends HttpServlet {

    @Inject
    Backups backups;
    @Inject
    Destinations destinations;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Backup backup;
        try {
            backup = backups.require(String.valueOf(request.getParameter("backup")));
        } catch (WebApplicationException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            return;
        }
        if (backup.completeCopies().isEmpty()) {
            response.sendError(HttpServletResponse.SC_GONE, "No complete copy of backup " + backup.id()
                    + " is left in any destination: download another backup");
            return;
        }
        String artifact = Backups.manifest(backup).dump().name();
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(backup.sizeBytes());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + backup.target() + "-" + backup.id()
                + "-" + artifact + "\"");
        response.setHeader("Digest", "sha-256-hex=" + backup.sha256());
        try (InputStream in = destinations.open(backup.completeCopies().get(0).destination()).open(backup.folder() + artifact)) {
            in.transferTo(response.getOutputStream());
        }
    }
}
