package dev.socketeer.spring.app;

import jakarta.validation.constraints.NotBlank;

/** A typed payload. */
public record Greeting(@NotBlank String name) {
}
