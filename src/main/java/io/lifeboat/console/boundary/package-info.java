/** One view bean per console page; they delegate to control classes and hold no business rules. */
package io.lifeboat.console.boundary;
