import type { IconButtonProps } from '@rjsf/utils';

/**
 * The form's list buttons with visible text: @rjsf/core's own draw Bootstrap 3 glyphs, which
 * need Bootstrap's icon font.
 */
function textButton(text: string, name: string) {
  return function TextButton({ id, className, onClick, disabled, style }: IconButtonProps) {
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
  };
}

/** The `ButtonTemplates` of the form (the submit button is the page's own). */
export const buttonTemplates = {
  AddButton: textButton('Add', 'Add'),
  RemoveButton: textButton('Remove', 'Remove'),
  CopyButton: textButton('Copy', 'Copy'),
  MoveUpButton: textButton('↑', 'Move up'),
  MoveDownButton: textButton('↓', 'Move down'),
};
