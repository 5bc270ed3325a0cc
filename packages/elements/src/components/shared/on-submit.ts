/** A submit listener that keeps the page where it is and hands over the form's values. */
export const onSubmit =
  (handle: (value: (name: string) => string) => void) => (event: SubmitEvent) => {
    event.preventDefault();
    const values = new FormData(event.target as HTMLFormElement);
    handle((name) => String(values.get(name) ?? ""));
  };
