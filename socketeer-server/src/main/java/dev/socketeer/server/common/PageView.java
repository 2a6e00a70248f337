package dev.socketeer.server.common;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/**
 * One page of a listing as the REST API shows it: {@code content} plus zero-based {@code page}, {@code size},
 * {@code totalElements} and {@code totalPages}. Immutable.
 */
public record PageView<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public static <E, T> PageView<T> of(Page<E> page, Function<? super E, ? extends T> mapper) {
        List<T> content = page.getContent().stream().<T>map(mapper).toList();
        return new PageView<>(content, page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages());
    }
}
