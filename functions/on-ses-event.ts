// placeholder: being written; exports handler
export const handler = async () => ({});
