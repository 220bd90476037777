import type { IconButtonProps } from '@rjsf/utils';

/**
 * The form's list buttons with visible text: @rjsf/core's own draw Bootstrap 3 glyphs, which
 * need Bootstrap's icon font.
 */
function TextButton({
  text,
  name,
  button: { id, className, onClick, disabled, style },
}: {
  text: string;
  name: string;
  button: IconButtonProps;
}) {
  return (
    <button
      type="button"
      id={id}
      className={`btn btn-small ${className ?? ''}`}
      onClick={onClick}
      disabled={disabled}
      style={style}
      aria-label={name === text ? undefined : name}
      title={name}
    >
      {text}
    </button>
  );
}

function AddButton(props: IconButtonProps) {
  return <TextButton text="Add" name="Add" button={props} />;
}
function RemoveButton(props: IconButtonProps) {
  return <TextButton text="Remove" name="Remove" button={props} />;
}
function CopyButton(props: IconButtonProps) {
  return <TextButton text="Copy" name="Copy" button={props} />;
}
function MoveUpButton(props: IconButtonProps) {
  return <TextButton text="↑" name="Move up" button={props} />;
}
function MoveDownButton(props: IconButtonProps) {
  return <TextButton text="↓" name="Move down" button={props} />;
}

/** The `ButtonTemplates` of the form (the submit button is the page's own). */
export const buttonTemplates = {
  AddButton,
  RemoveButton,
  CopyButton,
  MoveUpButton,
  MoveDownButton,
};
