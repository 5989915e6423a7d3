// Lists of the values of the enums generated from Rust (ui/src/bindings).

/**
 * Every value of the generated union `T`, each once: the type check fails
 * when a Rust enum gains or loses a value until the list (and the bindings)
 * follow. `every<Role>()("employee", …)`.
 */
export function every<T extends string>() {
  return <const A extends readonly T[]>(...values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : { missing: Exclude<T, A[number]> })): A => values;
}
