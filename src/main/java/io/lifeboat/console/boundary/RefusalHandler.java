package io.lifeboat.console.boundary;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.ws.rs.WebApplicationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * Turns a refused action into the 403 page and a missing target or backup into the 404 page,
 * instead of a 500; every other error goes on to the 500 page.
 */
public class RefusalHandler extends ExceptionHandlerWrapper {

    public RefusalHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    /** Installed in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {
        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new RefusalHandler(getWrapped().getExceptionHandler());
        }
    }

    @Override
    public void handle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
            Throwable error = events.next().getContext().getException();
            int status = statusOf(error);
            if (status != 0 && !faces.getResponseComplete()) {
                events.remove();
                try {
                    faces.getExternalContext().responseSendError(status, null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                faces.responseComplete();
            }
        }
        getWrapped().handle();
    }

    private static int statusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConsoleUser.NotAllowedException) {
                return 403;
            }
            if (t instanceof WebApplicationException w && w.getResponse().getStatus() == 404) {
                return 404;
            }
        }
        return 0;
    }
}
